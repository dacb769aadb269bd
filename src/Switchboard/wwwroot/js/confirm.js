// One question before a delete: a form with data-confirm asks it (the browser's own dialog, which the
// keyboard answers) and is sent only on OK. Without script the form is sent at once, as before.
document.addEventListener('submit', e => {
  const question = e.target instanceof HTMLFormElement ? e.target.dataset.confirm : undefined;
  if (question && !window.confirm(question)) e.preventDefault();
});
