// The Users table: a "select every user on this page" box and a count of the ticked rows.
// Everything also works without this script (tick rows one by one; the server counts them).
(function () {
  const form = document.getElementById('selection');
  if (!form) return;
  const all = document.getElementById('pick-all');
  const count = document.getElementById('selected-count');
  const boxes = () => Array.from(form.querySelectorAll('input[name=ids]'));
  const idle = count.textContent;
  function update() {
    const ticked = boxes().filter(b => b.checked).length;
    count.textContent = ticked === 0 ? idle : ticked === 1 ? '1 user selected' : ticked + ' users selected';
    all.checked = ticked > 0 && ticked === boxes().length;
    all.indeterminate = ticked > 0 && ticked < boxes().length;
  }
  all.hidden = false;
  all.addEventListener('change', () => { boxes().forEach(b => { b.checked = all.checked; }); update(); });
  form.addEventListener('change', e => { if (e.target.name === 'ids') update(); });
  update();
})();
