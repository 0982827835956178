package dev.st4j.train;

/** Averages of the steps since the last log line. */
final class LogWindow {
    private double lossSum;
    private double normSum;
    private double seconds;
    private int records;
    private int steps;

    void add(StepMetrics step) {
        lossSum += step.loss();
        normSum += step.gradNorm();
        seconds += step.seconds();
        records += step.records();
        steps++;
    }

    LogMetrics drain(int step, int epoch, double learningRate) {
        LogMetrics log =
                new LogMetrics(
                        step,
                        epoch,
                        lossSum / steps,
                        learningRate,
                        normSum / steps,
                        seconds > 0 ? records / seconds : 0);
        lossSum = 0;
        normSum = 0;
        seconds = 0;
        records = 0;
        steps = 0;
        return log;
    }
}
