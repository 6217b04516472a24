package dev.weft.smoke;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * Debian's headless Chromium (package {@code chromium}, which bin/test installs), each run with a
 * profile of its own that is deleted afterwards, and nothing fetched but the page:
 *
 * <pre>{@code
 * String dom = Chromium.dumpDom("http://127.0.0.1:9464/");
 * Chromium.screenshot("http://127.0.0.1:9464/", file, 1200, 900);
 * }</pre>
 *
 * A missing Chromium fails the test with the command that installs it: the page's rendering is a
 * required check, not an optional one.
 */
final class Chromium {

    private static final long TIMEOUT_SECONDS = 90;
    /** Window height beyond the picture's, more than headless Chromium's window keeps from its viewport. */
    private static final int EXTRA_HEIGHT = 300;

    private Chromium() {}

    static String executable() {
        for (String name : new String[] {"chromium", "chromium-browser"}) {
            for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
                Path candidate = Paths.get(dir, name);
                if (Files.isExecutable(candidate)) {
                    return candidate.toString();
                }
            }
        }
        throw new AssertionError("chromium is not on PATH; install Debian's chromium package"
                + " (apt-get install -y --no-install-recommends chromium; bin/test does this when run as root)");
    }

    /** The DOM after the page loaded, as Chromium serializes it. */
    static String dumpDom(String url) throws IOException, InterruptedException {
        return run("--dump-dom", url);
    }

    /**
     * A picture of the top {@code width} × {@code height} pixels of the page, as a browser window of
     * that size shows them. Headless Chromium's viewport is smaller than its window (757 pixels high in
     * a window of 900, in Chromium 156) and what lies below the viewport is painted late or not at all:
     * on a busy machine, pictures had blank rectangles at the bottom. So the window is made taller than
     * the picture and the picture cut from its top.
     */
    static void screenshot(String url, Path png, int width, int height) throws IOException, InterruptedException {
        Path tall = Files.createTempFile("weft-chromium", ".png");
        try {
            run("--screenshot=" + tall.toAbsolutePath(), "--window-size=" + width + "," + (height + EXTRA_HEIGHT),
                    "--hide-scrollbars", "--virtual-time-budget=1000", url);
            BufferedImage full = ImageIO.read(tall.toFile());
            if (full == null || full.getWidth() < width || full.getHeight() < height) {
                throw new AssertionError("chromium wrote no screenshot of " + width + "x" + height + " at " + tall);
            }
            ImageIO.write(full.getSubimage(0, 0, width, height), "png", png.toFile());
        } finally {
            Files.deleteIfExists(tall);
        }
    }

    private static String run(String... args) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("weft-chromium");
        try {
            List<String> command = new ArrayList<>(Arrays.asList(executable(), "--headless", "--no-sandbox",
                    "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile));
            command.addAll(Arrays.asList(args));
            Process process = new ProcessBuilder(command).start();
            CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(command + " did not finish in " + TIMEOUT_SECONDS + " s");
            }
            if (process.exitValue() != 0) {
                throw new AssertionError(command + " exited with " + process.exitValue() + ":\n"
                        + new String(err.join(), StandardCharsets.UTF_8));
            }
            return new String(out, StandardCharsets.UTF_8);
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static byte[] readAll(java.io.InputStream in) {
        try {
            return in.readAllBytes();
        } catch (IOException e) {
            return new byte[0];
        }
    }
}
