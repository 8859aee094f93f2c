/**
 * The QR code of a TOTP URI (core/totp.ts), shown on the enrolment page for the authenticator app to
 * scan. SVG: served inline, no image file to store, sharp at any size.
 */
import QRCode from 'qrcode';

/** An SVG document of the QR code for `uri`: error correction M (15%), a 2-module quiet zone. */
export async function totpQrSvg(uri: string): Promise<string> {
  return QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
}
