// Reads iCalendar files with node-ical and prints, for each file named on the command line,
// each event's UID and every occurrence's start and end (repeats expanded with node-ical's
// own rrule): timed values as UTC seconds, all-day values as YYYY-MM-DD.
import { readFileSync } from "node:fs";
import ical from "node-ical";

const MAX_OCCURRENCES = 1000;
const pad = (n) => String(n).padStart(2, "0");
const moment = (value, dateOnly) => {
  if (value === undefined || value === null) return null;
  if (dateOnly) return `${value.getFullYear()}-${pad(value.getMonth() + 1)}-${pad(value.getDate())}`;
  return Math.round(value.getTime() / 1000);
};

function read(path) {
  const data = ical.sync.parseICS(readFileSync(path, "utf8"));
  const events = {};
  for (const item of Object.values(data)) {
    if (item.type !== "VEVENT") continue;
    const dateOnly = item.datetype === "date";
    // node-ical gives an event without DTEND an end equal to its start: report no end then.
    const length =
      item.end && item.end.getTime() !== item.start.getTime()
        ? item.end.getTime() - item.start.getTime()
        : null;
    if (!item.rrule) {
      events[item.uid] = [[moment(item.start, dateOnly), length === null ? null : moment(item.end, dateOnly)]];
      continue;
    }
    // node-ical's own expansion: EXDATEs left out, overrides (RECURRENCE-ID) applied.
    const instances = ical
      .expandRecurringEvent(item, { from: new Date(Date.UTC(1900, 0, 1)), to: new Date(Date.UTC(2200, 0, 1)) })
      .slice(0, MAX_OCCURRENCES);
    // node-ical reads a repeated wall time in a RECURRENCE-ID as its second pass but steps
    // the rule to the first, so it cannot match the override the feed writes for such an
    // occurrence and yields it beside its own: the same start and end, so one occurrence.
    const seen = new Set();
    events[item.uid] = instances
      .map((instance) => [
        moment(instance.start, dateOnly),
        length === null ? null : moment(instance.end, dateOnly),
      ])
      .filter((pair) => !seen.has(String(pair)) && seen.add(String(pair)));
  }
  return events;
}

const out = {};
for (const path of process.argv.slice(2)) {
  out[path] = read(path);
}
process.stdout.write(JSON.stringify(out));
