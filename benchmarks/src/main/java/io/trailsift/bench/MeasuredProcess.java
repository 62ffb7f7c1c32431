package io.trailsift.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs a command to completion and records its wall time, CPU time and peak resident memory
 * (the kernel's VmHWM, polled from /proc while it runs; Linux only, as this machine is).
 */
record MeasuredProcess(int exitCode, String stdout, double seconds, double cpuSeconds, long peakRssBytes) {

    static MeasuredProcess run(List<String> command, Path workDir) throws IOException, InterruptedException {
        Path out = Files.createTempFile("trailsift-bench", ".out");
        try {
            long start = System.nanoTime();
            Process p = new ProcessBuilder(command).directory(workDir.toFile())
                    .redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            long peak = 0;
            double cpu = 0;
            while (p.isAlive()) {
                peak = Math.max(peak, statusKb(p.pid(), "VmHWM:") * 1024);
                cpu = Math.max(cpu, cpuSeconds(p.pid()));
                Thread.sleep(50);
            }
            int code = p.waitFor();
            double seconds = (System.nanoTime() - start) / 1e9;
            return new MeasuredProcess(code, Files.readString(out, StandardCharsets.UTF_8), seconds, cpu, peak);
        } finally {
            Files.deleteIfExists(out);
        }
    }

    private static long statusKb(long pid, String key) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith(key)) {
                    return Long.parseLong(line.substring(key.length()).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException gone) {
            // the process ended between isAlive() and the read
        }
        return 0;
    }

    /** utime + stime of the process and its reaped children, from /proc/PID/stat, in seconds. */
    private static double cpuSeconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
            return ticks / 100.0; // USER_HZ is 100 on Linux
        } catch (IOException | RuntimeException gone) {
            return 0;
        }
    }
}
