#!/usr/bin/env python3
"""Writes a synthetic history of YEARS years (about three sessions a night, most nights, 15
step-sides each, the shape of the bundled routine) into DIR/bedstretch/history/, split over two
device files, for measuring how bedstretch copes with a long history.

Usage: python3 benches/make_history.py DIR YEARS
"""
import datetime, json, os, random, sys

STEPS = [("Wall calf stretch", 2), ("Bent-knee soleus stretch", 2), ("Seated towel calf stretch", 2),
         ("Toe curls", 1), ("Toe spreads", 1), ("Toe raises", 1), ("Ankle circles, outward", 2),
         ("Ankle circles, inward", 2), ("Flex and draw the toes back", 2)]


def session(rng, start):
    steps = []
    for name, sides in STEPS:
        for side in (["left", "right"] if sides == 2 else [None]):
            status = rng.choices(["completed", "skipped", "not_reached"], [90, 7, 3])[0]
            step = {"name": name, "planned_secs": 30, "done_secs": 30 if status == "completed" else 0, "status": status}
            if side:
                step["side"] = side
            steps.append(step)
    end = start + datetime.timedelta(minutes=10)
    stamp = start.strftime("%Y%m%dT%H%M%S.000%z")
    return {"v": 1, "kind": "session", "id": f"{stamp}-{rng.randrange(65536):04x}", "routine": "bedtime-feet",
            "routine_name": "Bedtime feet", "started_at": start.isoformat(), "ended_at": end.isoformat(),
            "outcome": "completed", "steps": steps}


def main():
    out, years = sys.argv[1], int(sys.argv[2])
    rng = random.Random(years)
    tz = datetime.timezone(datetime.timedelta(hours=1))
    day = datetime.datetime(2026, 11, 23, 22, 0, tzinfo=tz) - datetime.timedelta(days=365 * years)
    folder = os.path.join(out, "bedstretch", "history")
    os.makedirs(folder, exist_ok=True)
    files = [open(os.path.join(folder, f"{d}.jsonl"), "w") for d in ("laptop", "desktop")]
    count = 0
    for _ in range(365 * years):
        for _ in range(rng.choice([0, 3, 3, 3, 3, 4])):
            start = day + datetime.timedelta(minutes=rng.randrange(0, 150))
            files[rng.randrange(2)].write(json.dumps(session(rng, start), separators=(",", ":")) + "\n")
            count += 1
        day += datetime.timedelta(days=1)
    for f in files:
        f.close()
    size = sum(os.path.getsize(os.path.join(folder, f)) for f in os.listdir(folder))
    print(f"{count} sessions, {size / 1e6:.1f} MB in {folder}")


if __name__ == "__main__":
    main()
