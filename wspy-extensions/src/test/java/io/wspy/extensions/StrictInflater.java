package io.wspy.extensions;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Python's zlib (an independent inflater) run as a subprocess, inflating raw DEFLATE streams with
 * a window of 2^bits bytes and failing on any back-reference that reaches further.
 */
final class StrictInflater {
    /** One stream to inflate. */
    record Job(int bits, byte[] stream) {
    }

    /** What came out: the inflated bytes, or zlib's error. */
    record Result(byte[] output, String error) {
    }

    private StrictInflater() {
    }

    static List<Result> inflate(List<Job> jobs) throws IOException, InterruptedException {
        Path script = Files.createTempFile("strict_inflate", ".py");
        try (InputStream in = StrictInflater.class.getResourceAsStream("strict_inflate.py")) {
            Files.write(script, in.readAllBytes());
        }
        try {
            Process python = new ProcessBuilder("python3", script.toString()).start();
            CompletableFuture<byte[]> stdout = CompletableFuture.supplyAsync(() -> readAll(python.getInputStream()));
            CompletableFuture<byte[]> stderr = CompletableFuture.supplyAsync(() -> readAll(python.getErrorStream()));
            try (DataOutputStream out = new DataOutputStream(python.getOutputStream())) {
                for (Job job : jobs) {
                    out.writeByte(job.bits());
                    out.writeInt(job.stream().length);
                    out.write(job.stream());
                }
            }
            if (!python.waitFor(120, TimeUnit.SECONDS)) {
                python.destroyForcibly();
                throw new IOException("python3 did not finish");
            }
            if (python.exitValue() != 0) {
                throw new IOException("python3 failed: " + new String(stderr.join(), StandardCharsets.UTF_8));
            }
            DataInputStream results = new DataInputStream(new java.io.ByteArrayInputStream(stdout.join()));
            List<Result> list = new ArrayList<>();
            for (int i = 0; i < jobs.size(); i++) {
                int status = results.readUnsignedByte();
                byte[] bytes = new byte[results.readInt()];
                results.readFully(bytes);
                list.add(status == 0 ? new Result(bytes, null)
                        : new Result(null, new String(bytes, StandardCharsets.UTF_8)));
            }
            return list;
        } finally {
            Files.deleteIfExists(script);
        }
    }

    private static byte[] readAll(InputStream in) {
        try (in) {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            return all.toByteArray();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
