// Reads iCalendar files with Mozilla's ical.js (as Thunderbird does) and prints, for each file
// named on the command line, each event's UID and every occurrence's start and end (recurring
// events expanded with ical.js's own iterator): timed values as UTC seconds, all-day values as
// YYYY-MM-DD.
import { readFileSync } from "node:fs";
import ICAL from "ical.js";

const MAX_OCCURRENCES = 1000;
const moment = (time) =>
  time === null ? null : time.isDate ? time.toString() : time.toUnixTime();

function read(path) {
  const calendar = new ICAL.Component(ICAL.parse(readFileSync(path, "utf8")));
  ICAL.TimezoneService.reset();
  for (const zone of calendar.getAllSubcomponents("vtimezone")) {
    ICAL.TimezoneService.register(new ICAL.Timezone(zone));
  }
  const events = {};
  const vevents = calendar.getAllSubcomponents("vevent");
  // An override (RECURRENCE-ID) is an exception of its series, as Thunderbird relates it.
  const exceptions = {};
  for (const component of vevents.filter((c) => c.hasProperty("recurrence-id"))) {
    const uid = component.getFirstPropertyValue("uid");
    (exceptions[uid] ??= []).push(component);
  }
  for (const component of vevents.filter((c) => !c.hasProperty("recurrence-id"))) {
    const uid = component.getFirstPropertyValue("uid");
    const event = new ICAL.Event(component, { exceptions: exceptions[uid] ?? [] });
    const hasEnd = component.hasProperty("dtend") || component.hasProperty("duration");
    const occurrences = [];
    if (event.isRecurring()) {
      const iterator = event.iterator();
      for (let next = iterator.next(); next && occurrences.length < MAX_OCCURRENCES; next = iterator.next()) {
        const details = event.getOccurrenceDetails(next);
        occurrences.push([moment(details.startDate), hasEnd ? moment(details.endDate) : null]);
      }
    } else {
      occurrences.push([moment(event.startDate), hasEnd ? moment(event.endDate) : null]);
    }
    events[event.uid] = occurrences;
  }
  return events;
}

const out = {};
for (const path of process.argv.slice(2)) {
  out[path] = read(path);
}
process.stdout.write(JSON.stringify(out));
