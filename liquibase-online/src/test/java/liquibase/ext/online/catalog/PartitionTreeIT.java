package liquibase.ext.online.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import liquibase.ext.online.catalog.PartitionTree.Partition;
import liquibase.ext.online.testing.PostgresServer;
import liquibase.ext.online.testing.TestDatabase;

/** The partition tree as plans read it: leaves to build on, partitioned tables to attach to, in order. */
class PartitionTreeIT {

    private TestDatabase db;
    private Connection connection;

    @BeforeEach
    void rangePartitionedWithASubPartitionedPartitionAndDefaults() {
        db = PostgresServer.get().newDatabase();
        db.execute("CREATE TABLE m (id int NOT NULL, k int, v text) PARTITION BY RANGE (id)",
                "CREATE TABLE m1 PARTITION OF m FOR VALUES FROM (0) TO (100)",
                "CREATE TABLE m2 PARTITION OF m FOR VALUES FROM (100) TO (200) PARTITION BY LIST (k)",
                "CREATE TABLE m2a PARTITION OF m2 FOR VALUES IN (1)",
                "CREATE TABLE m2d PARTITION OF m2 DEFAULT",
                "CREATE TABLE md PARTITION OF m DEFAULT",
                "CREATE TABLE plain (id int)");
        connection = db.connect();
    }

    @AfterEach
    void close() throws Exception {
        connection.close();
    }

    @Test
    void listsEveryPartitionParentsFirstWithTheLeavesThatHoldRows() throws Exception {
        PartitionTree tree = PartitionTree.read(connection, "m").orElseThrow();

        assertThat(tree.root().sql()).isEqualTo("public.m");
        assertThat(tree.keyColumns()).containsExactly("id");
        assertThat(tree.partitions()).extracting(Partition::name).containsExactly("m1", "m2", "md", "m2a", "m2d");
        assertThat(tree.leaves()).extracting(Partition::name).containsExactly("m1", "md", "m2a", "m2d");
        assertThat(tree.partitionedTables()).extracting(Partition::name).containsExactly("m", "m2");
        assertThat(tree.childrenOf(tree.partitions().get(1))).extracting(Partition::parentSql)
                .containsOnly("public.m2");
    }

    @Test
    void aPlainTableHasNoTree() throws Exception {
        assertThat(PartitionTree.read(connection, "plain")).isEmpty();
        assertThat(PartitionTree.read(connection, "missing")).isEmpty();
    }
}
