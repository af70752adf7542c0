/**
 * The kiosk: one room's day, book and cancel, to watch the two-way sync happen. Plain HTML and a
 * little script against the touchpoint API; every state is written out in words, never only in colour.
 */
export const KIOSK_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Workplace kiosk (emulator)</title>
<style>
  body { font: 16px/1.5 system-ui, sans-serif; margin: 0 auto; max-width: 46rem; padding: 1rem; color: #1b1b1b; }
  h1 { font-size: 1.5rem; margin: 0 0 1rem; }
  fieldset { border: 1px solid #767676; border-radius: 4px; margin: 0 0 1rem; padding: 0.75rem; }
  label { display: block; font-weight: 600; margin-top: 0.5rem; }
  input, select, button { font: inherit; padding: 0.35rem 0.5rem; }
  button { cursor: pointer; margin: 0.5rem 0.5rem 0 0; border: 2px solid #1b1b1b; border-radius: 4px; background: #fff; }
  button:focus-visible, input:focus-visible, select:focus-visible { outline: 3px solid #005fcc; outline-offset: 2px; }
  ol { list-style: none; padding: 0; }
  li { border: 1px solid #767676; border-left-width: 6px; border-radius: 4px; margin: 0.5rem 0; padding: 0.5rem 0.75rem; }
  li.pending-approval, li.tentative { border-left-style: dashed; }
  .status { font-weight: 700; text-transform: uppercase; font-size: 0.85rem; }
  #message { min-height: 1.5rem; font-weight: 600; }
</style>
</head>
<body>
<main>
  <h1>Room kiosk</h1>
  <fieldset>
    <legend>Room and day</legend>
    <label for="room">Room</label>
    <select id="room"></select>
    <label for="date">Date</label>
    <input id="date" type="date">
    <div><button type="button" id="refresh">Show the day</button></div>
  </fieldset>
  <p id="message" role="status" aria-live="polite"></p>
  <section aria-labelledby="day-heading">
    <h2 id="day-heading">Bookings</h2>
    <p id="summary"></p>
    <ol id="bookings"></ol>
  </section>
  <form id="book">
    <fieldset>
      <legend>Book this room</legend>
      <label for="subject">Subject</label>
      <input id="subject" name="subject" required maxlength="255" value="Kiosk booking">
      <label for="start">Start time</label>
      <input id="start" name="start" type="time" required value="10:00">
      <label for="end">End time</label>
      <input id="end" name="end" type="time" required value="10:30">
      <label for="name">Your name</label>
      <input id="name" name="name" autocomplete="name" value="Kiosk User">
      <label for="email">Your email</label>
      <input id="email" name="email" type="email" required autocomplete="email" value="kiosk.user@contoso.com">
      <div><button type="submit">Book</button></div>
    </fieldset>
  </form>
</main>
<script>
(function () {
  var room = document.getElementById('room');
  var date = document.getElementById('date');
  var message = document.getElementById('message');
  var list = document.getElementById('bookings');
  var summary = document.getElementById('summary');
  var timeZone = 'UTC';

  function say(text) { message.textContent = text; }
  function call(method, url, body) {
    return fetch(url, {
      method: method,
      headers: body ? { 'content-type': 'application/json' } : {},
      body: body ? JSON.stringify(body) : undefined,
    }).then(function (response) {
      return response.json().then(function (json) {
        if (!response.ok) throw new Error(json.error ? json.error.code + ': ' + json.error.message : 'HTTP ' + response.status);
        return json;
      });
    });
  }
  function button(label, onClick) {
    var element = document.createElement('button');
    element.type = 'button';
    element.textContent = label;
    element.addEventListener('click', onClick);
    return element;
  }
  function show() {
    if (!room.value) return;
    var query = date.value ? '?date=' + date.value : '';
    call('GET', '/_emulator/areas/' + encodeURIComponent(room.value) + '/day' + query).then(function (day) {
      timeZone = day.timeZone;
      if (!date.value) date.value = day.date;
      list.textContent = '';
      summary.textContent = day.area.name + ', ' + day.date + ' (' + day.timeZone + '); now ' + day.now.slice(11, 16) + '. ' +
        (day.bookings.length === 0 ? 'Free all day.' : day.bookings.length + ' booking(s).');
      day.bookings.forEach(function (booking) {
        var item = document.createElement('li');
        item.className = booking.status;
        var status = document.createElement('span');
        status.className = 'status';
        status.textContent = booking.status.replace('-', ' ') + (booking.isCheckedIn ? ', checked in' : '');
        var text = document.createElement('div');
        text.textContent = booking.start.slice(11, 16) + '–' + booking.end.slice(11, 16) + ' ' + booking.subject +
          ' (' + booking.responsible.email + ', booked via ' + booking.source + ')';
        item.appendChild(status);
        item.appendChild(text);
        item.appendChild(button('Check in to “' + booking.subject + '”', function () {
          var body = { lineId: booking.lineId };
          if (booking.occurrenceStart) body.occurrenceStart = booking.occurrenceStart;
          call('POST', '/_emulator/touchpoints/kiosk/reservations/' + booking.reservationId + '/check-in', body)
            .then(function () { say('Checked in to ' + booking.subject + '.'); show(); })
            .catch(function (error) { say('Error: ' + error.message); });
        }));
        item.appendChild(button('Cancel “' + booking.subject + '”', function () {
          call('POST', '/_emulator/touchpoints/kiosk/reservations/' + booking.reservationId + '/cancel')
            .then(function () { say('Cancelled ' + booking.subject + '.'); show(); })
            .catch(function (error) { say('Error: ' + error.message); });
        }));
        list.appendChild(item);
      });
    }).catch(function (error) { say('Error: ' + error.message); });
  }
  document.getElementById('refresh').addEventListener('click', show);
  room.addEventListener('change', show);
  date.addEventListener('change', show);
  document.getElementById('book').addEventListener('submit', function (event) {
    event.preventDefault();
    function field(id) { return document.getElementById(id).value; }
    var body = {
      subject: field('subject'),
      start: date.value + 'T' + field('start') + ':00',
      end: date.value + 'T' + field('end') + ':00',
      timeZone: timeZone,
      responsible: { email: field('email'), name: field('name') || undefined },
      lines: [{ type: 'area', objectId: room.value }],
    };
    call('POST', '/_emulator/touchpoints/kiosk/reservations', body)
      .then(function (reservation) { say('Booked: ' + reservation.subject + ' (' + reservation.status.replace('-', ' ') + ').'); show(); })
      .catch(function (error) { say('Error: ' + error.message); });
  });
  call('GET', '/_emulator/state').then(function (state) {
    state.areas.filter(function (area) { return area.reservable && area.type === 'meetingRoom'; }).forEach(function (area) {
      var option = document.createElement('option');
      option.value = area.id;
      option.textContent = area.name + (area.exchangeMailbox ? ' (linked to Exchange)' : ' (not linked to Exchange)');
      room.appendChild(option);
    });
    var wanted = new URLSearchParams(location.search).get('areaId');
    if (wanted) room.value = wanted;
    show();
    setInterval(show, 10000);
  }).catch(function (error) { say('Error: ' + error.message); });
})();
</script>
</body>
</html>
`;
