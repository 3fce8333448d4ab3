export const MAIN_HELP = `paceguard: keeps recovery runs easy. It says "slow down" when a run drifts over
the runner's recovery ceiling, derived from their easy pace.

Usage:
  paceguard replay FILE [options]   what the guard would have said on a recorded run (FIT, GPX, TCX)
  paceguard calibrate PATH… [options]
                                    your profile from your own runs (FIT, GPX, TCX; folders)
  paceguard tune PATH… [options]    try guard settings on your runs; recommend one
  paceguard simulate SCENARIO.json --out FILE.fit [--seed N]
                                    a realistic synthetic run (FIT) from a scenario
  paceguard --help                  this text
  paceguard --version               the version

Run 'paceguard replay --help', 'paceguard calibrate --help', 'paceguard tune --help'
or 'paceguard simulate --help' for their options.`;

export const REPLAY_HELP = `Usage: paceguard replay FILE [options]

Replays a recorded run (a FIT, GPX or TCX file, gzipped or in a one-run zip
as exported, or a watch session log) through the guard and prints what it
would have said, when, and a summary of the run with a verdict.

Ceilings (flags override the profile; at least one ceiling is needed):
  --profile FILE        a profile (JSON): easyPace, paceCeiling, hrCeilingBpm,
                        maxHrBpm, restHrBpm, maxDurationMin, recoveryMarginSecPerKm, tuning
  --easy-pace M:SS      your easy pace per km; the pace ceiling is 0:30 slower
  --pace-ceiling M:SS   the pace ceiling per km, directly (overrides --easy-pace)
  --hr-ceiling BPM      the heart-rate ceiling, directly
  --max-hr BPM          max heart rate: ceiling 76 % of it, or with --rest-hr
  --rest-hr BPM         resting heart rate: ceiling at 70 % of heart-rate reserve
  --max-duration MIN    planned duration: time-up when the timer reaches it

Output:
  --format text|jsonl   text (default): a readable timeline and summary, an
                        overshoot's repeats folded into its first line
                        ("(x3 over 8:35)"); jsonl: one JSON object per event,
                        repeats included ("kind", "at" in seconds since the
                        first sample), then one of kind "summary"
  --speed N|max         max (default): as fast as possible; N: N times real time
  --report FILE         also write the run as one self-contained HTML page
                        (atomically): pace, heart rate and elevation charts with
                        the ceilings, alerts and overshoots marked, and the
                        summary; it opens offline in any browser
  -h, --help            this text

Live view: text on a terminal, say with --speed 10, is drawn live: run clock,
pace (grade-adjusted and as recorded) and heart rate against the ceilings in
green, yellow or red (under, near, over), the last event and a progress bar,
with the timeline's events scrolling above. NO_COLOR=1 turns colour off; piped
output and --format jsonl stay plain lines. Ctrl-C stops the replay and prints
the summary so far.

Exit status: 0 done, 2 bad input (file, flag or profile; one line says which),
130 stopped with Ctrl-C.`;

export const CALIBRATE_HELP = `Usage: paceguard calibrate PATH… [options]

Reads your runs (FIT, GPX and TCX files, and folders of them, searched
recursively; .fit, .gpx, .tcx, any case, gzipped or not, and one-run .zip
files such as Garmin Connect's "Export Original") and derives your
profile from them: easy pace, highest heart rate, your heart-rate curve, and
the recovery ceiling. Walks, rides and other sports are recognised from the
data and left out; files skipped are counted by reason on stderr (every
one, and why, with --verbose). On a terminal, stderr shows a progress bar.

Writes the profile that 'paceguard replay --profile' reads, atomically, to
  $XDG_CONFIG_HOME/paceguard/profile.json (else ~/.config/paceguard/…;
  macOS ~/Library/Application Support/paceguard/…; Windows
  %APPDATA%\\paceguard\\profile.json), or to --out FILE. Settings already in
that profile that calibration does not estimate (maxDurationMin,
recoveryMarginSecPerKm, tuning; maxHrBpm when no run shows a maximum) are
kept; a hand-set hrCeilingBpm gives way to the calibrated one.

Options:
  --out FILE        write the profile here instead
  --rest-hr BPM     resting heart rate: the heart-rate ceiling becomes 70 % of
                    heart-rate reserve instead of 76 % of the maximum
                    (default: the profile's restHrBpm, if any)
  --cache DIR       keep per-file extracts here (default $XDG_CACHE_HOME/
                    paceguard, else ~/.cache/paceguard): a second run decodes
                    no file it has seen
  --no-cache        neither read nor write the cache
  --workers N       threads reading files (default: every core)
  --verbose         list every file skipped, and why (default: one line
                    counting them by reason)
  -h, --help        this text

Exit status: 0 done, 2 no usable run or bad input (one line says which).`;

export const TUNE_HELP = `Usage: paceguard tune PATH… [options]

Replays your runs (FIT, GPX and TCX files and folders, as calibrate reads
them) through the guard with each setting of a small grid, and prints for
each: alerts per hour on your easy runs, how much of the over-ceiling running
on your not-easy runs it caught, and time over the ceiling. Recommends one
setting and says why.

The grid: ceiling margin 20, 30, 40 s/km (when the profile has easyPace and
no paceCeiling), evidence 30, 60, 120 s/km·s, repeat every 1 or 2 min,
warm-up 1 min pace / 3 min heart rate or 2 / 5 min; your current setting too.

Runs are sorted by the profile's own ceilings, whatever the setting: easy
when at most 5 % of moving time is over them, not easy from 20 %. The
recommendation is the fewest alerts per hour on easy runs among the settings
that catch at least 60 % of the over-ceiling running. It says how many runs
and hours of running it rests on, and warns under 10 runs or 5 hours: there,
one chance alert or one odd run can change it.

Options:
  --profile FILE    the profile to tune (default: the one calibrate writes,
                    $XDG_CONFIG_HOME/paceguard/profile.json, else ~/.config/…)
  --apply           write the recommended setting into the profile, atomically
                    (recoveryMarginSecPerKm and tuning; everything else kept)
  --out FILE        with --apply: write the profile here instead
  --cache DIR       keep each file's scores here, by content and setting, so
                    a second tune reads no unchanged file (default: calibrate's
                    cache folder, $XDG_CACHE_HOME/paceguard, else ~/.cache/…)
  --no-cache        score every file again, keep nothing
  --workers N       threads scoring files (default: every core)
  -h, --help        this text

A progress bar is drawn on stderr when it is a terminal.

Exit status: 0 done, 2 no usable run or bad input (one line says which).`;

export const SIMULATE_HELP = `Usage: paceguard simulate SCENARIO.json --out FILE.fit [--seed N]

Makes a realistic synthetic run from a scenario (a JSON file) and writes it as
a FIT activity, with the generator the alert benchmark uses: the runner's
heart answering effort and grade, GPS, heart-rate and cadence sensors with
their noise and faults. Replay it like any recorded run.

A scenario (every field in docs/scenarios.md; examples in
examples/scenarios/):
  { "description": "30 min easy with a 3 min drift",
    "runner": { "easyPace": "5:30", "restHrBpm": 50, "maxHrBpm": 185 },
    "ceilings": { "pace": "6:00", "hrBpm": 140 },
    "segments": [
      { "kind": "run", "duration": "4:00", "pace": "6:35" },
      { "kind": "run", "duration": "10:00", "ceilingOffsetSecPerKm": 25 },
      { "kind": "run", "duration": "3:00", "ceilingOffsetSecPerKm": -20 },
      { "kind": "stop", "duration": 40, "timer": "auto-pause" },
      { "kind": "run", "duration": "12:20", "pace": "6:25", "gradePct": 2 } ],
    "noise": { "gps": "poor", "tunnels": [ { "at": "12:00", "duration": 60 } ] } }

Options:
  -o, --out FILE    where to write the FIT file (atomically; folders are made)
  --seed N          the random seed (default: the scenario's "seed", else 1);
                    the same scenario and seed always give the same file
  -h, --help        this text

It prints the run's length, the overshoots it holds (30 s or more over the
scenario's ceilings: what the guard should catch) and the replay command.

Exit status: 0 done, 2 bad input (scenario, flag or output file; one line says
which, and nothing is written).`;
