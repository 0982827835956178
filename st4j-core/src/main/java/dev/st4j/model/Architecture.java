package dev.st4j.model;

import java.util.Locale;

/**
 * Encoder families that share BERT's parameter layout and differ in how position ids are made.
 * BERT counts positions from 0. RoBERTa and XLM-RoBERTa count real tokens from {@code
 * pad_token_id + 1} and give padding the position {@code pad_token_id}, so their position table
 * has {@code pad_token_id + 1} rows that real text never reaches.
 */
public enum Architecture {
    BERT("BertModel"),
    ROBERTA("RobertaModel"),
    XLM_ROBERTA("XLMRobertaModel");

    private final String modelClass;

    Architecture(String modelClass) {
        this.modelClass = modelClass;
    }

    /** The Hugging Face transformers class written to {@code config.json}'s architectures. */
    public String modelClass() {
        return modelClass;
    }

    /** The {@code model_type} value of {@code config.json}. */
    public String modelType() {
        return switch (this) {
            case BERT -> "bert";
            case ROBERTA -> "roberta";
            case XLM_ROBERTA -> "xlm-roberta";
        };
    }

    /** Whether position ids start after the padding index instead of at 0. */
    public boolean offsetsPositions() {
        return this != BERT;
    }

    /** Number of leading position-table rows that real tokens never use. */
    public int positionOffset(int padTokenId) {
        return offsetsPositions() ? padTokenId + 1 : 0;
    }

    /**
     * Maps {@code config.json}'s {@code model_type} to an architecture.
     *
     * @throws ModelLoadException naming the supported types
     */
    public static Architecture fromModelType(String modelType, String file) {
        String type = modelType == null ? "" : modelType.toLowerCase(Locale.ROOT);
        return switch (type) {
            case "bert" -> BERT;
            case "roberta" -> ROBERTA;
            case "xlm-roberta" -> XLM_ROBERTA;
            default -> throw new ModelLoadException(file + ": model_type '" + modelType
                    + "' is not supported: st4j runs bert, roberta and xlm-roberta encoders");
        };
    }
}
