package dev.st4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.st4j.classify.ClassifierManifestInfo;
import dev.st4j.classify.EncoderReference;
import dev.st4j.classify.FeatureSchema;
import dev.st4j.classify.XgbClassifier;
import dev.st4j.classify.XgbConfig;
import dev.st4j.data.LabelMap;
import dev.st4j.data.PreparedSchema;
import dev.st4j.data.Record;
import dev.st4j.io.Manifest;
import dev.st4j.model.EmbeddedModel;
import dev.st4j.model.EncodeOptions;
import dev.st4j.model.ModelResolver;
import dev.st4j.model.ResolverSettings;
import dev.st4j.model.SentenceTransformer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Runs {@code st4j predict} end to end with the real all-MiniLM-L6-v2 encoder and XGBoost. */
class PredictCommandTest {

    private static final PreparedSchema SCHEMA = new PreparedSchema(
            List.of("product_name", "about_product"), "category", 1, List.of("selling_price"),
            List.of("is_amazon_seller"), null);
    private static final LabelMap LABELS =
            LabelMap.fromLabels(List.of("Sports & Outdoors", "Toys & Games"));
    private static final int MAX_SEQ_LENGTH = 32;
    private static final String[] TOYS = {"jigsaw puzzle", "plush teddy bear", "toy race car",
        "dollhouse with furniture", "building blocks set", "board game for kids",
        "stuffed unicorn toy", "wooden train set", "action figure", "toy kitchen playset"};
    private static final String[] SPORTS = {"mountain bike helmet", "yoga mat", "tennis racket",
        "camping tent", "running shoes", "fishing rod", "basketball", "hiking backpack",
        "dumbbell weights", "soccer ball"};
    private static final String INPUT = """
            Uniq Id,Product Name,About Product,Selling Price,Is Amazon Seller
            n1,Wooden jigsaw puzzle,500 pieces for children,$9.99,Y
            n2,Road bike helmet,Lightweight cycling helmet,$49.00,N
            n3,,,,
            """;

    @TempDir static Path shared;
    private static Path bundle;
    private static String weightsSha256;

    @BeforeAll
    static void trainClassifier() throws Exception {
        Path target = Path.of("target").toAbsolutePath();
        ResolverSettings settings = new ResolverSettings(target.resolve("st4j-test-cache"),
                target.resolve("hf-test-cache"), ResolverSettings.DEFAULT_ENDPOINT, true, null);
        Path encoderFolder = ModelResolver.embeddedFolder(EmbeddedModel.ALL_MINILM_L6_V2, settings);
        List<Record> train = new ArrayList<>();
        for (int i = 0; i < TOYS.length; i++) {
            train.add(new Record(2 * i + 1, "t" + i, TOYS[i], "Toys & Games",
                    new double[] {10 + i}, new String[] {"Y"}, null));
            train.add(new Record(2 * i + 2, "s" + i, SPORTS[i], "Sports & Outdoors",
                    new double[] {30 + i}, new String[] {i % 2 == 0 ? "Y" : "N"}, null));
        }
        try (SentenceTransformer encoder = SentenceTransformer.load(encoderFolder)) {
            weightsSha256 = encoder.weightsSha256();
            float[][] embeddings = encoder.encode(train.stream().map(Record::text).toList(),
                    EncodeOptions.defaults().withMaxSeqLength(MAX_SEQ_LENGTH)).embeddings();
            FeatureSchema schema = FeatureSchema.fit(SCHEMA, train, encoder.dimension());
            int[] labelIds = train.stream().mapToInt(r -> LABELS.idOf(r.label())).toArray();
            XgbConfig config = XgbConfig.builder().rounds(20).threads(1).build();
            try (XgbClassifier classifier = XgbClassifier.train(
                    config, schema, schema.assemble(train, embeddings).values(), labelIds, LABELS)) {
                bundle = shared.resolve("classifier");
                EncoderReference reference = new EncoderReference("all-minilm-l6-v2",
                        encoderFolder.toString(), weightsSha256, MAX_SEQ_LENGTH, false);
                classifier.save(bundle, ClassifierManifestInfo.of(reference), false);
            }
        }
    }

    @Test
    void predictWritesOneLinePerInputRow(@TempDir Path dir) throws Exception {
        Path input = Files.writeString(dir.resolve("new.csv"), INPUT);
        Path output = dir.resolve("predictions.csv");

        Run run = predict(bundle, input, output);

        assertEquals(0, run.exitCode(), run.err());
        List<String> lines = Files.readAllLines(output);
        assertEquals(4, lines.size(), String.join("\n", lines));
        assertEquals("uniq_id,predicted_label,probability", lines.get(0));
        assertTrue(lines.get(1).startsWith("n1,Toys & Games,"), lines.get(1));
        assertTrue(lines.get(2).startsWith("n2,Sports & Outdoors,"), lines.get(2));
        assertTrue(lines.get(3).startsWith("n3,"), lines.get(3));
        assertTrue(run.out().contains("Wrote 3 predictions"), run.out());
    }

    @Test
    void predictRejectsEncoderWithOtherWeights(@TempDir Path dir) throws Exception {
        Path copy = dir.resolve("classifier");
        Files.createDirectory(copy);
        for (String file : List.of("model.json", "labels.json", "features.json", Manifest.FILE_NAME)) {
            Files.copy(bundle.resolve(file), copy.resolve(file));
        }
        String expected = "0".repeat(64);
        Path manifest = copy.resolve(Manifest.FILE_NAME);
        Files.writeString(manifest, Files.readString(manifest).replace(weightsSha256, expected));
        Path input = Files.writeString(dir.resolve("new.csv"), INPUT);

        Run run = predict(copy, input, dir.resolve("predictions.csv"));

        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("weights sha256 " + expected), run.err());
        assertTrue(run.err().contains("has weights sha256 " + weightsSha256), run.err());
        assertTrue(Files.notExists(dir.resolve("predictions.csv")));
    }

    @Test
    void predictKeepsExistingOutputWithoutOverwrite(@TempDir Path dir) throws Exception {
        Path input = Files.writeString(dir.resolve("new.csv"), INPUT);
        Path output = Files.writeString(dir.resolve("predictions.csv"), "keep me");

        Run run = predict(bundle, input, output);

        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("pass --overwrite"), run.err());
        assertEquals("keep me", Files.readString(output));
    }

    @Test
    void predictRejectsMissingIdColumnGiven(@TempDir Path dir) throws Exception {
        Path input = Files.writeString(dir.resolve("new.csv"), INPUT);
        Path output = dir.resolve("predictions.csv");

        Run run = predict(bundle, input, output, "--id-column", "sku");

        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("Invalid --id-column 'sku'"), run.err());
        assertTrue(Files.notExists(output));
    }

    @Test
    void predictRejectsOutputUnderFile(@TempDir Path dir) throws Exception {
        Path input = Files.writeString(dir.resolve("new.csv"), INPUT);
        Path file = Files.writeString(dir.resolve("afile"), "x");

        Run run = predict(bundle, input, file.resolve("predictions.csv"));

        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("is a file, not a folder"), run.err());
    }

    private record Run(int exitCode, String out, String err) {}

    private static Run predict(Path classifier, Path input, Path output, String... extra) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = St4j.newCommandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        List<String> args = new ArrayList<>(List.of("predict", "--classifier",
                classifier.toString(), "--input", input.toString(), "--output", output.toString()));
        args.addAll(List.of(extra));
        int exitCode = commandLine.execute(args.toArray(String[]::new));
        return new Run(exitCode, out.toString(), err.toString());
    }

}
