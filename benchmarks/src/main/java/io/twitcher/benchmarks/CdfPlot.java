package io.twitcher.benchmarks;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * A latency CDF as a PNG, drawn with java.awt in headless mode: one line per series, milliseconds on a logarithmic
 * x axis, the cumulative fraction on y. Hand-drawn because it is one chart type in ~100 lines, where a plotting
 * library would bring a dependency tree into the build for it.
 */
final class CdfPlot {
    private static final Color[] COLORS = {new Color(0xD62728), new Color(0x1F77B4), new Color(0x2CA02C),
            new Color(0x9467BD)};
    private final Map<String, List<Double>> series = new LinkedHashMap<>();

    void add(String name, List<Double> millis) {
        if (!millis.isEmpty()) {
            series.put(name, millis);
        }
    }

    void write(Path png, String title) throws IOException {
        System.setProperty("java.awt.headless", "true");
        int w = 900;
        int h = 520;
        int left = 70;
        int right = 20;
        int top = 40;
        int bottom = 60;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        double min = series.values().stream().flatMap(List::stream).mapToDouble(d -> d).min().orElse(1);
        double max = series.values().stream().flatMap(List::stream).mapToDouble(d -> d).max().orElse(10);
        double lo = Math.pow(10, Math.floor(Math.log10(Math.max(0.1, min))));
        double hi = Math.pow(10, Math.ceil(Math.log10(Math.max(max, lo * 10))));
        int pw = w - left - right;
        int ph = h - top - bottom;
        java.util.function.DoubleUnaryOperator x = v -> left + pw * (Math.log10(Math.max(v, lo)) - Math.log10(lo))
                / (Math.log10(hi) - Math.log10(lo));
        java.util.function.DoubleUnaryOperator y = f -> top + ph * (1 - f);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (double decade = lo; decade <= hi * 1.001; decade *= 10) {
            for (int k = 1; k < 10 && decade * k <= hi * 1.001; k++) {
                int gx = (int) x.applyAsDouble(decade * k);
                g.setColor(k == 1 ? new Color(0xBBBBBB) : new Color(0xEEEEEE));
                g.drawLine(gx, top, gx, top + ph);
                if (k == 1 || k == 2 || k == 5) {
                    g.setColor(Color.DARK_GRAY);
                    String label = Stats.f(decade * k).replaceAll("\\.0+$", "");
                    g.drawString(label, gx - g.getFontMetrics().stringWidth(label) / 2, top + ph + 16);
                }
            }
        }
        for (int i = 0; i <= 10; i++) {
            int gy = (int) y.applyAsDouble(i / 10.0);
            g.setColor(i % 5 == 0 ? new Color(0xBBBBBB) : new Color(0xEEEEEE));
            g.drawLine(left, gy, left + pw, gy);
            g.setColor(Color.DARK_GRAY);
            g.drawString(String.format(java.util.Locale.ROOT, "%.1f", i / 10.0), left - 30, gy + 4);
        }
        g.setColor(Color.BLACK);
        g.drawRect(left, top, pw, ph);
        g.drawString("change → action started (ms, log scale)", left + pw / 2 - 110, h - 20);
        g.drawString("fraction of events", 8, top - 12);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString(title, left + 120, 24);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        // The legend goes bottom right, where the curves (fast rise, long tail) leave room.
        int legendTop = top + ph - 14 - 18 * series.size();
        g.setColor(Color.WHITE);
        g.fillRect(left + pw - 520, legendTop - 14, 512, 18 * series.size() + 10);
        g.setColor(Color.GRAY);
        g.drawRect(left + pw - 520, legendTop - 14, 512, 18 * series.size() + 10);
        int i = 0;
        for (Map.Entry<String, List<Double>> s : series.entrySet()) {
            Color c = COLORS[i % COLORS.length];
            List<Double> sorted = new ArrayList<>(s.getValue());
            Collections.sort(sorted);
            g.setColor(c);
            g.setStroke(new BasicStroke(2f));
            int px = (int) x.applyAsDouble(sorted.get(0));
            int py = (int) y.applyAsDouble(0);
            for (int k = 0; k < sorted.size(); k++) {
                int nx = (int) x.applyAsDouble(sorted.get(k));
                int ny = (int) y.applyAsDouble((k + 1.0) / sorted.size());
                g.drawLine(px, py, nx, py);
                g.drawLine(nx, py, nx, ny);
                px = nx;
                py = ny;
            }
            int ly = legendTop + 18 * i;
            g.fillRect(left + pw - 510, ly - 6, 18, 4);
            g.setColor(Color.BLACK);
            g.drawString(s.getKey() + String.format(java.util.Locale.ROOT, " (n=%d, p50 %s ms, p99 %s ms)",
                    sorted.size(), Stats.f(Stats.percentile(sorted, 50)), Stats.f(Stats.percentile(sorted, 99))),
                    left + pw - 486, ly);
            i++;
        }
        g.dispose();
        ImageIO.write(img, "png", png.toFile());
    }
}
