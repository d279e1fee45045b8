package liquibase.ext.online.change;

import static liquibase.ext.online.change.Changes.PG;
import static liquibase.ext.online.change.Changes.errorsOf;
import static liquibase.ext.online.change.Changes.inChangeSet;
import static liquibase.ext.online.change.Changes.sql;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** dropIndexConcurrently without a database. */
class DropIndexConcurrentlyChangeTest {

    private static DropIndexConcurrentlyChange change() {
        DropIndexConcurrentlyChange change = new DropIndexConcurrentlyChange();
        change.setIndexName("orders_total_idx");
        return inChangeSet(change);
    }

    @Test
    void onlyTheIndexNameIsRequired() {
        assertThat(errorsOf(change())).isEmpty();

        DropIndexConcurrentlyChange nameless = change();
        nameless.setIndexName(null);
        assertThat(errorsOf(nameless)).containsExactly(
                "dropIndexConcurrently in changeset db.xml::7::ann: attribute 'indexName' is required.");
    }

    @Test
    void theDropIsConcurrentIdempotentAndSchemaQualifiedWhenASchemaIsGiven() {
        DropIndexConcurrentlyChange change = change();
        change.setSchemaName("sales");

        assertThat(sql(change.plan(PG))).containsExactly("DROP INDEX CONCURRENTLY IF EXISTS sales.orders_total_idx");
    }

    @Test
    void thereIsNoAutomaticRollbackAsForCoreDropIndex() {
        assertThat(change().supportsRollback(PG)).isFalse();
    }
}
