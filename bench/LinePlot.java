import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A PNG line chart for the benchmarks, drawn with the JDK alone so that a fresh machine needs nothing else.
 * Each row is an x value and then one value per series; NaN leaves a gap (a series that ended sooner).
 */
public final class LinePlot {

    private static final Color[] COLORS = {new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44),
            new Color(214, 39, 40), new Color(148, 103, 189), new Color(140, 86, 75), new Color(227, 119, 194),
            new Color(127, 127, 127), new Color(188, 189, 34)};

    private LinePlot() {
    }

    public static void write(Path file, String title, String xUnit, String yUnit, List<String> names, List<double[]> rows) throws IOException {
        int width = 1200, height = 700, left = 90, right = 260, top = 50, bottom = 60;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        double maxX = 1e-9;
        double maxY = 1e-9;
        for (double[] row : rows) {
            maxX = Math.max(maxX, row[0]);
            for (int i = 1; i < row.length; i++) {
                if (!Double.isNaN(row[i])) {
                    maxY = Math.max(maxY, row[i]);
                }
            }
        }
        maxY = niceCeiling(maxY);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.drawString(title, left, 30);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.drawLine(left, height - bottom, width - right, height - bottom);
        g.drawLine(left, top, left, height - bottom);
        for (int step = 0; step <= 5; step++) {
            int y = height - bottom - (height - top - bottom) * step / 5;
            g.setColor(new Color(230, 230, 230));
            g.drawLine(left + 1, y, width - right, y);
            g.setColor(Color.BLACK);
            g.drawString(String.format("%.0f %s", maxY * step / 5, yUnit), 10, y + 4);
            int x = left + (width - left - right) * step / 5;
            g.drawString(String.format("%.1f %s", maxX * step / 5, xUnit), x - 15, height - bottom + 20);
        }
        g.setStroke(new BasicStroke(2f));
        for (int i = 0; i < names.size(); i++) {
            g.setColor(COLORS[i % COLORS.length]);
            int previousX = -1, previousY = -1;
            for (double[] row : rows) {
                double value = row[i + 1];
                if (Double.isNaN(value)) {
                    previousX = -1;
                    continue;
                }
                int x = left + (int) ((width - left - right) * row[0] / maxX);
                int y = height - bottom - (int) ((height - top - bottom) * value / maxY);
                if (previousX >= 0) {
                    g.drawLine(previousX, previousY, x, y);
                }
                previousX = x;
                previousY = y;
            }
            g.fillRect(width - right + 15, top + 20 * i, 12, 12);
            g.drawString(names.get(i), width - right + 32, top + 20 * i + 11);
        }
        g.dispose();
        ImageIO.write(image, "png", file.toFile());
    }

    /** 1, 2 or 5 times a power of ten, at least the value. */
    private static double niceCeiling(double value) {
        double power = Math.pow(10, Math.floor(Math.log10(value)));
        for (double step : new double[]{1, 2, 5, 10}) {
            if (step * power >= value) {
                return step * power;
            }
        }
        return 10 * power;
    }
}
