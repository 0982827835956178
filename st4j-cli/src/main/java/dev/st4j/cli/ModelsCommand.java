package dev.st4j.cli;

import dev.st4j.model.EmbeddedModel;
import dev.st4j.model.ResolverSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
        name = "models",
        mixinStandardHelpOptions = true,
        description = "Lists the embedded models (and whether they are converted yet) and the"
                + " models in the Hugging Face cache.")
final class ModelsCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        ResolverSettings settings = ResolverSettings.fromEnvironment();
        PrintWriter out = spec.commandLine().getOut();
        out.printf("Embedded models (converted on first use into %s):%n",
                settings.st4jCache().resolve("models"));
        String row = "  %-20s %-40s %-10s %-8s %s%n";
        out.printf(row, "NAME", "HUGGING FACE ID", "MAX TOKENS", "POOLING", "STATUS");
        for (EmbeddedModel model : EmbeddedModel.values()) {
            String name = model.shortName() + (model == EmbeddedModel.DEFAULT ? " *" : "");
            String status;
            if (model.onnxUrl().isEmpty()) {
                status = "missing jar " + model.artifact();
            } else if (Files.isRegularFile(settings.embeddedFolder(model).resolve("model.safetensors"))) {
                status = "converted";
            } else {
                status = "not converted yet";
            }
            out.printf(row, name, model.hubId(), model.maxSeqLength(),
                    model.pooling().name().toLowerCase(Locale.ROOT), status);
        }
        out.println("  * default model");
        out.printf("%nHugging Face cache (%s):%n", settings.hubCache());
        List<String[]> cached = hubModels(settings.hubCache());
        if (cached.isEmpty()) {
            out.println("  (none)");
        }
        for (String[] model : cached) {
            out.printf("  %-40s %s%n", model[0], model[1]);
        }
        out.printf("%nNetwork downloads: %s%n", settings.offline()
                ? "off (set ST4J_OFFLINE=false to download Hugging Face ids)" : "on");
        return 0;
    }

    /** Returns [id, snapshot folder] of every {@code models--org--name} entry with a snapshot. */
    private static List<String[]> hubModels(Path hubCache) throws IOException {
        if (!Files.isDirectory(hubCache)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(hubCache)) {
            return entries.filter(p -> p.getFileName().toString().startsWith("models--"))
                    .sorted()
                    .map(p -> new String[] {
                        p.getFileName().toString().substring("models--".length()).replace("--", "/"),
                        latestSnapshot(p)})
                    .filter(entry -> entry[1] != null)
                    .toList();
        }
    }

    private static String latestSnapshot(Path repo) {
        Path snapshots = repo.resolve("snapshots");
        if (!Files.isDirectory(snapshots)) {
            return null;
        }
        try (Stream<Path> children = Files.list(snapshots)) {
            return children.filter(Files::isDirectory).map(Path::toString).sorted().findFirst()
                    .orElse(null);
        } catch (IOException e) {
            return null;
        }
    }
}
