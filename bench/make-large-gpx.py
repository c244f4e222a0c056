#!/usr/bin/env python3
"""Writes a large GPX track, as a watch records a long ride at one point a second with
elevation, temperature, heart rate and cadence (Garmin's TrackPointExtension), to measure
the import's memory and time on a file of a given size (BENCHMARKS.md, "Large GPX import").

    bench/make-large-gpx.py MEGABYTES OUT.gpx

The points keep the track under 100 hours and 1000 km, so that it imports; every hour
holds a pause of two minutes (a gap between two points), and the track is split in
segments of ten hours.
"""
import math
import sys

HEADER = """<?xml version="1.0" encoding="UTF-8"?>
<gpx version="1.1" creator="bench/make-large-gpx.py" xmlns="http://www.topografix.com/GPX/1/1"
 xmlns:gpxtpx="http://www.garmin.com/xmlschemas/TrackPointExtension/v1">
  <metadata>
    <time>2026-06-01T06:00:00Z</time>
  </metadata>
  <trk>
    <name>Long ride</name>
    <type>cycling</type>
"""
POINT = """      <trkpt lat="{lat:.7f}" lon="{lon:.7f}">
        <ele>{ele:.1f}</ele>
        <time>{time}</time>
        <extensions>
          <gpxtpx:TrackPointExtension>
            <gpxtpx:atemp>{temp}</gpxtpx:atemp>
            <gpxtpx:hr>{hr}</gpxtpx:hr>
            <gpxtpx:cad>{cad}</gpxtpx:cad>
          </gpxtpx:TrackPointExtension>
        </extensions>
      </trkpt>
"""


def stamp(seconds):
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, secs = divmod(rest, 60)
    # June 2026 has 30 days; the track (from 06:00 on the 1st) stays within it.
    return f"2026-06-{1 + days:02d}T{hours:02d}:{minutes:02d}:{secs:02d}Z"


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: make-large-gpx.py MEGABYTES OUT.gpx")
    target = int(float(sys.argv[1]) * 1024 * 1024)
    sample = len(POINT.format(lat=46.0, lon=14.0, ele=300.0, time=stamp(0), temp=21, hr=140, cad=88))
    points = max(2, (target - len(HEADER)) // sample)
    # At most 99 hours: a point a second, or closer together for a larger file.
    step = min(1.0, 99 * 3600 / points)
    with open(sys.argv[2], "w", encoding="utf-8") as out:
        out.write(HEADER)
        out.write("    <trkseg>\n")
        lat, lon, t = 46.0, 14.0, 0.0
        for i in range(points):
            if i > 0 and i % 36000 == 0:
                out.write("    </trkseg>\n    <trkseg>\n")
            if i > 0 and i % 3600 == 0:
                t += 120  # a pause
            heading = i / 5000.0
            lat += 0.0000200 * step * math.cos(heading)
            lon += 0.0000280 * step * math.sin(heading)
            out.write(POINT.format(lat=lat, lon=lon, ele=300 + 50 * math.sin(i / 700.0), time=stamp(6 * 3600 + int(t)),
                                   temp=15 + i % 10, hr=120 + i % 40, cad=80 + i % 15))
            t += step
        out.write("    </trkseg>\n  </trk>\n</gpx>\n")


main()
