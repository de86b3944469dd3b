package io.swarmrtc.peer.internal.qr;

/**
 * Renders a {@link QrCode} for a terminal with Unicode half blocks, two module rows per text line.
 * Light modules and the quiet zone are printed as blocks and dark modules as spaces, which scans on
 * the usual light-on-dark terminal.
 */
public final class QrTerminal {
  private QrTerminal() {}

  /** The symbol as text lines; light modules and the quiet zone are drawn as blocks. */
  public static String render(QrCode qr, int margin) {
    int n = qr.size() + 2 * margin;
    StringBuilder sb = new StringBuilder();
    for (int y = 0; y < n; y += 2) {
      for (int x = 0; x < n; x++) {
        boolean top = light(qr, margin, x, y);
        boolean bottom = y + 1 >= n || light(qr, margin, x, y + 1);
        sb.append(top ? (bottom ? '\u2588' : '\u2580') : (bottom ? '\u2584' : ' '));
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  private static boolean light(QrCode qr, int margin, int x, int y) {
    int mx = x - margin;
    int my = y - margin;
    boolean inside = mx >= 0 && my >= 0 && mx < qr.size() && my < qr.size();
    return !inside || !qr.isDark(mx, my);
  }
}
