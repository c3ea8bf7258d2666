/* Adds "in your time zone" to an event's time when the visitor's zone differs from the
   event's. An enhancement only: without it the page already says the time and the zone. */
(function () {
  "use strict";
  var visitorZone;
  try {
    visitorZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch (e) {
    return;
  }
  if (!visitorZone) return;
  var format = function (date) {
    return new Intl.DateTimeFormat(undefined, {
      weekday: "long", day: "numeric", month: "long", hour: "2-digit", minute: "2-digit",
      timeZone: visitorZone, timeZoneName: "short"
    }).format(date);
  };
  var times = document.querySelectorAll("time[data-zone]");
  for (var i = 0; i < times.length; i++) {
    var node = times[i];
    if (node.hasAttribute("data-all-day") || node.getAttribute("data-zone") === visitorZone) continue;
    var start = new Date(node.getAttribute("datetime"));
    if (isNaN(start.getTime())) continue;
    var text = format(start);
    var end = node.getAttribute("data-end");
    if (end && !isNaN(new Date(end).getTime())) text += " to " + format(new Date(end));
    var note = document.createElement("span");
    note.className = "note local-time";
    note.textContent = "In your time zone (" + visitorZone + "): " + text;
    node.parentNode.insertBefore(document.createElement("br"), node.nextSibling);
    node.parentNode.insertBefore(note, node.nextSibling.nextSibling);
  }
})();
