package dev.st4j.model;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/**
 * Switches libtorch's per-thread autograd recording off for a block and restores it after.
 * Without it, inference on a thread where parameters require gradients records a graph that
 * stays in memory until the batch scope closes.
 */
final class GradMode implements AutoCloseable {

    private final boolean previous;
    private final boolean pytorch;

    private GradMode() {
        this.pytorch = "PyTorch".equals(Engine.getDefaultEngineName());
        this.previous = pytorch && JniUtils.isGradMode();
        if (pytorch) {
            JniUtils.setGradMode(false);
        }
    }

    /** Disables gradient recording on the current thread until {@link #close()}. */
    static GradMode disabled() {
        return new GradMode();
    }

    @Override
    public void close() {
        if (pytorch) {
            JniUtils.setGradMode(previous);
        }
    }
}
