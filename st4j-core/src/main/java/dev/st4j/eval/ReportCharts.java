package dev.st4j.eval;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.util.List;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.time.MovingAverage;
import org.jfree.data.xy.XYDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Renders the experiment's PNG charts with JFreeChart, without a display. */
final class ReportCharts {

    private static final Logger LOG = LoggerFactory.getLogger(ReportCharts.class);

    static final int WIDTH = 900;
    static final int HEIGHT = 520;

    static {
        // Rendering must work on servers without a display. The property only takes effect
        // before the first AWT class loads, so it is set in the static initialiser.
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private ReportCharts() {}

    /**
     * Writes grouped bars of test accuracy per model: one series for stock encoders, one for
     * leak-free fine-tuned ones, and a separate series for leaky runs.
     */
    static void writeAccuracyChart(Path file, List<ExperimentRun> runs) throws IOException {
        DefaultCategoryDataset dataset = new DefaultCategoryDataset();
        for (ExperimentRun run : runs) {
            String series = seriesOf(run);
            if (dataset.getRowIndex(series) >= 0 && dataset.getColumnIndex(run.model()) >= 0
                    && dataset.getValue(series, run.model()) != null) {
                LOG.warn("Two runs share the bar '{}' of model {}: showing accuracy {} in place"
                                + " of {}", series, run.model(), run.accuracy(),
                        dataset.getValue(series, run.model()));
            }
            dataset.addValue(run.accuracy(), series, run.model());
        }
        JFreeChart chart = ChartFactory.createBarChart("Test accuracy: stock vs fine-tuned encoder",
                "encoder", "accuracy", dataset, PlotOrientation.VERTICAL, true, false, false);
        CategoryPlot plot = chart.getCategoryPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        NumberAxis range = (NumberAxis) plot.getRangeAxis();
        range.setRange(0.0, 1.05);
        range.setTickUnit(new NumberTickUnit(0.1));
        BarRenderer renderer = (BarRenderer) plot.getRenderer();
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        // Without a cap, a chart of one run draws a single bar across the whole plot.
        renderer.setMaximumBarWidth(0.12);
        renderer.setDefaultItemLabelGenerator(
                new StandardCategoryItemLabelGenerator("{2}", new DecimalFormat("0.000")));
        renderer.setDefaultItemLabelsVisible(true);
        for (int row = 0; row < dataset.getRowCount(); row++) {
            renderer.setSeriesPaint(row, colourOf((String) dataset.getRowKey(row), row));
        }
        ChartUtils.saveChartAsPNG(file.toFile(), chart, WIDTH, HEIGHT);
    }

    /**
     * Writes the training loss against the optimiser step: per fine-tuning run, the per-step loss
     * as a thin pale line and its moving average over {@code steps / 40} steps as a thick one,
     * since the loss of single small batches swings too much to show the trend.
     */
    static void writeLossChart(Path file, List<LossCurve> curves) throws IOException {
        XYSeriesCollection dataset = new XYSeriesCollection();
        for (LossCurve curve : curves) {
            // Duplicate x values are allowed because a resumed run may log a step twice.
            XYSeries series = new XYSeries(uniqueKey(dataset, curve.runName()), false, true);
            for (int i = 0; i < curve.steps().length; i++) {
                series.add(curve.steps()[i], curve.losses()[i]);
            }
            dataset.addSeries(series);
        }

        int longest = curves.stream().mapToInt(curve -> curve.steps().length).max().orElse(0);
        int window = Math.max(1, longest / 40);
        XYDataset smoothed = MovingAverage.createMovingAverage(dataset,
                " (moving average of " + window + " steps)", window, window - 1);
        JFreeChart chart = ChartFactory.createXYLineChart("Fine-tuning training loss", "step",
                "training loss", smoothed, PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);

        Color[] colours = {new Color(0x1F77B4), new Color(0xD62728), new Color(0x2CA02C),
            new Color(0x9467BD), new Color(0xFF7F0E)};
        XYLineAndShapeRenderer averageRenderer = new XYLineAndShapeRenderer(true, false);
        XYLineAndShapeRenderer rawRenderer = new XYLineAndShapeRenderer(true, false);
        for (int s = 0; s < dataset.getSeriesCount(); s++) {
            Color colour = colours[s % colours.length];
            averageRenderer.setSeriesStroke(s, new BasicStroke(2.5f));
            averageRenderer.setSeriesPaint(s, colour);
            rawRenderer.setSeriesStroke(s, new BasicStroke(0.8f));
            rawRenderer.setSeriesPaint(s, new Color(colour.getRed(), colour.getGreen(),
                    colour.getBlue(), 70));
            rawRenderer.setSeriesVisibleInLegend(s, false);
        }

        plot.setRenderer(0, averageRenderer);
        plot.setDataset(1, dataset);
        plot.setRenderer(1, rawRenderer);
        plot.setDatasetRenderingOrder(DatasetRenderingOrder.REVERSE);
        ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(true);
        ChartUtils.saveChartAsPNG(file.toFile(), chart, WIDTH, HEIGHT);
    }

    static String seriesOf(ExperimentRun run) {
        String series = !run.fineTuned() ? "stock" : run.leaky() ? "fine-tuned (leaky)" : "fine-tuned";
        return ExperimentRun.XGBOOST.equals(run.classifier())
                ? series
                : series + " [" + run.classifier() + "]";
    }

    private static Color colourOf(String series, int index) {
        if (series.startsWith("stock")) {
            return new Color(0x7F7F7F);
        }
        if (series.contains("leaky")) {
            return new Color(0xD62728);
        }
        if (series.startsWith("fine-tuned") && !series.contains("[")) {
            return new Color(0x1F77B4);
        }
        Color[] others = {new Color(0x2CA02C), new Color(0x9467BD), new Color(0xFF7F0E)};
        return others[index % others.length];
    }

    private static String uniqueKey(XYSeriesCollection dataset, String name) {
        String key = name;
        for (int n = 2; dataset.getSeriesIndex(key) >= 0; n++) {
            key = name + " #" + n;
        }
        return key;
    }
}
