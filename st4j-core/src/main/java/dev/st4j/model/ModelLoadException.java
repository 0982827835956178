package dev.st4j.model;

/**
 * A model folder or checkpoint that cannot be used as it is: a missing or malformed file, a
 * tensor of the wrong shape, an unsupported module. The message names the file and the fix.
 */
public class ModelLoadException extends RuntimeException {

    public ModelLoadException(String message) {
        super(message);
    }

    public ModelLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
