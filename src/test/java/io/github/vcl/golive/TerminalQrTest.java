package io.github.vcl.golive;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.LuminanceSource;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The printed QR code is the link: read back from the characters, as a phone camera would read the modules. */
class TerminalQrTest {
    private static final String LINK = "https://pay.vipps.no/checkout/session/abc123DEF456?token=eyJhbGciOi.x-y_z";

    @Test
    void theTerminalCodeDecodesToTheLink() throws Exception {
        assertEquals(LINK, decode(TerminalQr.render(LINK, false)));
    }

    @Test
    void withAnsiColoursTheCodeIsBlackOnWhiteAndStillTheLink() throws Exception {
        String ansi = TerminalQr.render(LINK, true);
        assertTrue(ansi.contains("\u001b[30;107m") && ansi.contains("\u001b[0m"));
        assertEquals(LINK, decode(ansi.replaceAll("\u001b\\[[0-9;]*m", "")));
    }

    /** Two modules per character (▀ top, ▄ bottom, █ both), scaled up and decoded with ZXing's reader. */
    private static String decode(String text) throws Exception {
        List<String> lines = text.lines().map(l -> l.substring(2)).toList();
        int scale = 4;
        int width = lines.get(0).length();
        int height = lines.size() * 2;
        int[] pixels = new int[width * scale * height * scale];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                char c = lines.get(y / 2).charAt(x);
                boolean dark = c == '█' || (y % 2 == 0 ? c == '▀' : c == '▄');
                for (int dy = 0; dy < scale; dy++) {
                    for (int dx = 0; dx < scale; dx++) {
                        pixels[(y * scale + dy) * width * scale + x * scale + dx] = dark ? 0xFF000000 : 0xFFFFFFFF;
                    }
                }
            }
        }
        LuminanceSource source = new RGBLuminanceSource(width * scale, height * scale, pixels);
        return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source))).getText();
    }
}
