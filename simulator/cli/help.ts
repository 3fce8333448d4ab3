export const MAIN_HELP = `paceguard: keeps recovery runs easy. It says "slow down" when a run drifts over
the runner's recovery ceiling, derived from their easy pace.

Usage:
  paceguard replay FILE [options]   what the guard would have said on a recorded run (FIT)
  paceguard calibrate PATH… [options]
                                    your profile from your own runs (FIT files, folders)
  paceguard --help                  this text
  paceguard --version               the version

Run 'paceguard replay --help' or 'paceguard calibrate --help' for their options.`;

export const REPLAY_HELP = `Usage: paceguard replay FILE [options]

Replays a recorded run (a FIT file) through the guard and prints what it would
have said, when, and a summary of the run with a verdict.

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
  --format text|jsonl   text (default): a readable timeline and summary;
                        jsonl: one JSON object per event ("kind", "at" in seconds
                        since the first sample), then one of kind "summary"
  --speed N|max         max (default): as fast as possible; N: N times real time
  -h, --help            this text

Exit status: 0 done, 2 bad input (file, flag or profile; one line says which).`;

export const CALIBRATE_HELP = `Usage: paceguard calibrate PATH… [options]

Reads your runs (FIT files, and folders of them, searched recursively; .fit
and .fit.gz) and derives your profile from them: easy pace, highest heart
rate, your heart-rate curve, and the recovery ceiling. Walks, rides and other
sports are recognised from the data and left out; files that cannot be read
are noted (one line each) and counted.

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
  -h, --help        this text

Exit status: 0 done, 2 no usable run or bad input (one line says which).`;
