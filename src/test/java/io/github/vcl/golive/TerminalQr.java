package io.github.vcl.golive;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;

import java.util.Map;

/**
 * A QR code for the terminal: two modules per character cell with the half blocks {@code ▀ ▄ █}, dark modules
 * drawn, light ones blank, with a quiet zone. With {@code ansi} the code is drawn black on white whatever the terminal's
 * colours; without, it relies on a light background.
 */
final class TerminalQr {
    static final int QUIET_ZONE = 2;
    private static final String BLACK_ON_WHITE = "\u001b[30;107m";
    private static final String RESET = "\u001b[0m";

    private TerminalQr() {
    }

    static BitMatrix matrix(String text) {
        try {
            return new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0, Map.of(
                    EncodeHintType.MARGIN, QUIET_ZONE, EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.L));
        } catch (WriterException e) {
            throw new IllegalArgumentException("cannot encode as a QR code: " + e.getMessage(), e);
        }
    }

    static String render(String text, boolean ansi) {
        BitMatrix m = matrix(text);
        StringBuilder out = new StringBuilder();
        for (int y = 0; y < m.getHeight(); y += 2) {
            out.append("  ");
            if (ansi) {
                out.append(BLACK_ON_WHITE);
            }
            for (int x = 0; x < m.getWidth(); x++) {
                boolean top = m.get(x, y);
                boolean bottom = y + 1 < m.getHeight() && m.get(x, y + 1);
                out.append(top ? (bottom ? '█' : '▀') : (bottom ? '▄' : ' '));
            }
            if (ansi) {
                out.append(RESET);
            }
            out.append('\n');
        }
        return out.toString();
    }
}
