/* Adds "in your time zone" to an event's time when the visitor's clock would read differently
   from the event's. An enhancement only: without it the page already says the time and zone. */
(function () {
  "use strict";
  var visitorZone;
  try {
    visitorZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch (e) {
    return;
  }
  if (!visitorZone) return;
  // The page's language (its words come from the page's own data- attributes); the visitor's
  // own variant of it (en-GB, es-MX) where the browser speaks the same language.
  var pageLanguage = document.documentElement.lang || "en";
  var locale = (navigator.language || "").split("-")[0] === pageLanguage
    ? navigator.language : pageLanguage;
  var fill = function (pattern, values) {
    return pattern.replace(/\{(\w+)\}/g, function (_, name) { return values[name]; });
  };
  var DAY = { weekday: "long", day: "numeric", month: "long" };
  var CLOCK = { hour: "2-digit", minute: "2-digit" };
  var format = function (date, zone, parts) {
    var options = { timeZone: zone };
    for (var key in parts) options[key] = parts[key];
    return new Intl.DateTimeFormat(locale, options).format(date);
  };
  var both = function (a, b) {
    var result = {};
    for (var k in a) result[k] = a[k];
    for (var j in b) result[j] = b[j];
    return result;
  };
  var times = document.querySelectorAll("time[data-zone]");
  for (var i = 0; i < times.length; i++) {
    var node = times[i];
    var eventZone = node.getAttribute("data-zone");
    if (node.hasAttribute("data-all-day") || eventZone === visitorZone) continue;
    var start = new Date(node.getAttribute("datetime"));
    if (isNaN(start.getTime())) continue;
    var full = both(DAY, CLOCK);
    try {
      if (format(start, visitorZone, full) === format(start, eventZone, full)) continue;
    } catch (e) {
      continue;
    }
    var text = format(start, visitorZone, full);
    var end = new Date(node.getAttribute("data-end") || "");
    if (!isNaN(end.getTime())) {
      var sameDay = format(end, visitorZone, DAY) === format(start, visitorZone, DAY);
      text = fill(node.getAttribute("data-range") || "{start} to {end}",
        { start: text, end: format(end, visitorZone, sameDay ? CLOCK : full) });
    }
    text += " " + format(start, visitorZone, { timeZoneName: "short" }).split(" ").pop();
    var note = document.createElement("span");
    note.className = "note local-time";
    note.textContent = fill(node.getAttribute("data-local-label") || "In your time zone ({zone}):",
      { zone: visitorZone }) + " " + text;
    node.parentNode.insertBefore(document.createElement("br"), node.nextSibling);
    node.parentNode.insertBefore(note, node.nextSibling.nextSibling);
  }
})();
