"""Copy the front-end packages installed by `npm ci` into the Django static folder (shipped in the wheel).

Run by `make assets`. Only the files the pages load are copied, under stable names, so templates never
refer to node_modules and no page ever loads from a CDN.
"""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NODE = ROOT / "node_modules"
VENDOR = ROOT / "src" / "kansrijk" / "web" / "static" / "vendor"

FILES = {
    "@utrecht/design-tokens/dist/index.css": "utrecht/design-tokens.css",
    "@utrecht/component-library-css/dist/index.css": "utrecht/component-library.css",
    "htmx.org/dist/htmx.min.js": "htmx/htmx.min.js",
    "vega/build/vega.min.js": "vega/vega.min.js",
    "vega-lite/build/vega-lite.min.js": "vega/vega-lite.min.js",
    "vega-embed/build/vega-embed.min.js": "vega/vega-embed.min.js",
}
SOURCE_MAP = re.compile(r"^[ \t]*(//|/\*)# sourceMappingURL=.*$", re.M)
LICENSES = [
    "@utrecht/design-tokens",
    "@utrecht/component-library-css",
    "htmx.org",
    "vega",
    "vega-lite",
    "vega-embed",
]


def main() -> int:
    missing = [src for src in FILES if not (NODE / src).exists()]
    if missing:
        print("Missing in node_modules (run `npm ci`):", *missing, sep="\n  ", file=sys.stderr)
        return 1
    if VENDOR.exists():
        shutil.rmtree(VENDOR)
    for src, dest in FILES.items():
        target = VENDOR / dest
        target.parent.mkdir(parents=True, exist_ok=True)
        # Source maps are not shipped: drop the reference, or the hashed static storage (collectstatic with
        # DEBUG off) fails on the missing .map file.
        text = (NODE / src).read_text(encoding="utf-8")
        target.write_text(SOURCE_MAP.sub("", text), encoding="utf-8")
    for package in LICENSES:
        for name in ("LICENSE", "LICENSE.md", "LICENSE.txt"):
            if (NODE / package / name).exists():
                target = VENDOR / "licenses" / f"{package.replace('/', '__')}.{name}"
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(NODE / package / name, target)
                break
    print(f"Vendored {len(FILES)} files into {VENDOR.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
