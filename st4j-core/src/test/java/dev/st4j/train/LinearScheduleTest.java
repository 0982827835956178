package dev.st4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class LinearScheduleTest {

    @Test
    void warmupRisesThenDecaysLinearly() {
        LinearSchedule schedule = new LinearSchedule(1.0, 2, 10);
        assertEquals(0.0, schedule.learningRate(0));
        assertEquals(0.5, schedule.learningRate(1));
        assertEquals(1.0, schedule.learningRate(2));
        assertEquals(0.5, schedule.learningRate(6));
        assertEquals(1.0 / 8, schedule.learningRate(9));
        assertEquals(0.0, schedule.learningRate(10));
    }

    @Test
    void noWarmupStartsAtPeak() {
        LinearSchedule schedule = new LinearSchedule(2e-5, 0, 4);
        assertEquals(2e-5, schedule.learningRate(0));
        assertEquals(1e-5, schedule.learningRate(2), 1e-20);
        assertEquals(0.5e-5, schedule.learningRate(3), 1e-20);
    }

    @Test
    void warmupLongerThanRunIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new LinearSchedule(1.0, 11, 10));
    }

    @Test
    void configWarmupIsStepsOrRatio() {
        assertEquals(3, FineTuneConfig.builder().warmup(0.1).build().warmupSteps(25));
        assertEquals(7, FineTuneConfig.builder().warmup(7).build().warmupSteps(25));
        assertEquals(0, FineTuneConfig.defaults().warmupSteps(25));
        assertThrows(
                IllegalArgumentException.class, () -> FineTuneConfig.builder().warmup(2.5).build());
    }
}
