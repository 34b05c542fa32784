#!/usr/bin/env bash
# Makes themes/default/static/fonts/paperpress-math.woff2: Latin Modern Math (GUST Font
# License, from Debian's fonts-lmodern) cut down to what abstracts use, MATH table kept, so
# that display math draws with a real math font where the reader's system has none.
#
#   bash themes/default/fonts/subset-math-font.sh   (needs apt-get download and python3 -m venv)
#
# The GUST Font License asks that a changed font be renamed: the subset is named
# "Paperpress Math" inside and out. What is kept: ASCII; Greek letters; the accents,
# operators, relations, arrows and brackets LaTeX writes most; the math alphabets italic,
# bold, script, double-struck and italic Greek; digits. Left out to stay far under 100 KB:
# the script-size variants (the `ssty` feature doubled the file; the browser scales the
# same glyphs instead), fraktur, sans-serif and monospace alphabets, rare symbols.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
apt-get download fonts-lmodern >/dev/null
dpkg-deb -x fonts-lmodern_*.deb lm
python3 -m venv venv
venv/bin/pip install --quiet fonttools==4.68.0 brotli==1.2.1
ops="U+2200-2209,U+220B,U+220F-2213,U+2215,U+2217-221A,U+221D,U+221E,U+2220,U+2223-222E,U+2234,U+2235,U+223C,U+2243,U+2245,U+2248,U+224D,U+2250,U+2260-2265,U+226A,U+226B,U+2272,U+2273,U+227A,U+227B,U+2282-2288,U+228E,U+2291-2299,U+22A2-22A5,U+22C0-22C3,U+22C5,U+22C6,U+22EE,U+22EF,U+22F1"
unicodes="U+0020-007E,U+00A0,U+00AC,U+00B1,U+00B7,U+00D7,U+00F7,U+0131,U+0237,U+0300-0304,U+0306-0308,U+030A,U+030C,U+0338,U+0393,U+0394,U+0398,U+039B,U+039E,U+03A0,U+03A3,U+03A5,U+03A6,U+03A8,U+03A9,U+03B1-03C9,U+03D1,U+03D5,U+03D6,U+03F0,U+03F1,U+03F5,U+2016,U+2026,U+2032-2034,U+2061-2064,U+20D7,U+2102,U+210B,U+210C,U+210F,U+2110,U+2112,U+2113,U+2115,U+2119-211D,U+2124,U+212C,U+2130,U+2131,U+2133,U+2190-2195,U+21A6,U+21D0-21D4,$ops,U+2308-230B,U+23DC-23DF,U+27E8,U+27E9,U+27F5-27FA,U+1D400-1D467,U+1D49C-1D4B5,U+1D538-1D551,U+1D6A4,U+1D6A5,U+1D6E2-1D71B,U+1D7CE-1D7D7"
venv/bin/pyftsubset lm/usr/share/texmf/fonts/opentype/public/lm-math/latinmodern-math.otf \
    --unicodes="$unicodes" --layout-features='dtls,flac' --no-hinting --desubroutinize \
    --name-IDs='*' --output-file=subset.otf 2>&1 | grep -v 'FFTM NOT subset' || true
venv/bin/python - <<'PY'
from fontTools.ttLib import TTFont
font = TTFont("subset.otf")
names = {1: "Paperpress Math", 3: "Paperpress Math subset of Latin Modern Math 1.959",
         4: "Paperpress Math", 6: "PaperpressMath-Regular", 16: "Paperpress Math"}
for record in font["name"].names:
    if record.nameID in names:
        record.string = names[record.nameID]
font["CFF "].cff.fontNames = ["PaperpressMath-Regular"]
font.flavor = "woff2"
font.save("paperpress-math.woff2")
PY
cp paperpress-math.woff2 "$here/../static/fonts/paperpress-math.woff2"
cp lm/usr/share/texmf/doc/fonts/lm-math/GUST-FONT-LICENSE.txt "$here/../static/fonts/GUST-FONT-LICENSE.txt"
ls -l "$here/../static/fonts/paperpress-math.woff2"
