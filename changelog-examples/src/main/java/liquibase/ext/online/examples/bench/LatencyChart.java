package liquibase.ext.online.examples.bench;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import javax.imageio.ImageIO;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.AnnotationText;

/**
 * One PNG per scenario: how long the application's transactions were waiting, over time, stock Liquibase
 * above, liquibase-online below, on the same axes, with the migration's changesets and steps marked. A stall is
 * a ramp that climbs for as long as the application is stuck.
 */
final class LatencyChart {

    private static final int WIDTH = 1100;
    private static final int PANEL_HEIGHT = 330;
    private static final Color STOCK = new Color(200, 60, 40);
    private static final Color ONLINE = new Color(30, 110, 190);

    private LatencyChart() {
    }

    static void write(Path file, BenchmarkResult stock, BenchmarkResult online) throws IOException {
        double xMax = Math.max(stock.timeline().endSeconds(), online.timeline().endSeconds())
                + Timeline.BEFORE_SECONDS;
        double yMax = Math.max(max(stock.timeline().waitMillis()), max(online.timeline().waitMillis())) * 2;
        BufferedImage top = BitmapEncoder.getBufferedImage(panel(stock, xMax, yMax, STOCK));
        BufferedImage bottom = BitmapEncoder.getBufferedImage(panel(online, xMax, yMax, ONLINE));
        BufferedImage both = new BufferedImage(WIDTH, 2 * PANEL_HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = both.createGraphics();
        g.drawImage(top, 0, 0, null);
        g.drawImage(bottom, 0, PANEL_HEIGHT, null);
        g.dispose();
        ImageIO.write(both, "png", file.toFile());
    }

    private static XYChart panel(BenchmarkResult result, double xMax, double yMax, Color color) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(PANEL_HEIGHT)
                .title(result.scenario() + ": " + result.variant().label() + " (" + String.format(
                        java.util.Locale.ROOT, "%,d", result.rows()) + " rows; " + (result.failed() ? "FAILED; " : "")
                        + "worst "
                        + Math.round(result.app().worst().toNanos() / 1e6) + " ms, " + result.app().failures()
                        + " failed)")
                .xAxisTitle("seconds since the migration started")
                .yAxisTitle("longest wait in progress, ms").build();
        Styler styler = chart.getStyler();
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setXAxisMin(-Timeline.BEFORE_SECONDS);
        chart.getStyler().setXAxisMax(xMax);
        chart.getStyler().setYAxisMin(0.5);
        chart.getStyler().setYAxisMax(yMax);
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        chart.getStyler().setAnnotationLineColor(new Color(120, 120, 120));
        chart.getStyler().setAnnotationTextFontColor(new Color(60, 60, 60));
        styler.setChartBackgroundColor(Color.WHITE);
        Timeline t = result.timeline();
        if (!t.slotStarts().isEmpty()) {
            XYSeries series = chart.addSeries("latency", t.slotStarts(), t.waitMillis());
            series.setLineColor(color);
            series.setMarker(SeriesMarkers.NONE);
        }
        int row = 0;
        for (Timeline.Mark mark : t.marks()) {
            chart.addAnnotation(new AnnotationLine(mark.seconds(), true, false));
            double y = yMax / Math.pow(2.2, 1 + row++ % 5);
            chart.addAnnotation(new AnnotationText(mark.label(), mark.seconds(), y, false));
        }
        return chart;
    }

    private static double max(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).max().orElse(1);
    }
}
