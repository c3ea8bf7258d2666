// Reads an iCalendar file with Mozilla's ical.js (as Thunderbird does) and prints each event's
// UID, start and end: timed values as UTC seconds, all-day values as YYYY-MM-DD.
import { readFileSync } from "node:fs";
import ICAL from "ical.js";

const calendar = new ICAL.Component(ICAL.parse(readFileSync(process.argv[2], "utf8")));
for (const zone of calendar.getAllSubcomponents("vtimezone")) {
  ICAL.TimezoneService.register(new ICAL.Timezone(zone));
}
const moment = (time) =>
  time === null ? null : time.isDate ? time.toString() : time.toUnixTime();
const events = calendar.getAllSubcomponents("vevent").map((component) => {
  const event = new ICAL.Event(component);
  return {
    uid: event.uid,
    start: moment(event.startDate),
    end: component.hasProperty("dtend") ? moment(event.endDate) : null,
  };
});
process.stdout.write(JSON.stringify(events));
