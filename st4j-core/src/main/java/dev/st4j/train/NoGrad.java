package dev.st4j.train;

import ai.djl.pytorch.jni.JniUtils;

/**
 * Scope in which PyTorch records no autograd graph on the current thread, restoring the previous
 * mode on close. In-place updates of parameters need it: PyTorch rejects an in-place change of a
 * leaf tensor that requires a gradient while recording.
 */
final class NoGrad implements AutoCloseable {

    private final boolean previous;

    private NoGrad() {
        previous = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
    }

    static NoGrad enter() {
        return new NoGrad();
    }

    @Override
    public void close() {
        JniUtils.setGradMode(previous);
    }
}
