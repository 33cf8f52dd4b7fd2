// Case page: selecting words in the original text fills the "words to
// remove" field and picks the redaction action, so a moderator redacts by
// selecting. Without script the field is typed or pasted by hand.
document.addEventListener('DOMContentLoaded', function () {
  var original = document.getElementById('original-text');
  var field = document.getElementById('redact');
  if (!original || !field) return;
  function take() {
    var selection = window.getSelection();
    if (!selection || selection.isCollapsed) return;
    if (!original.contains(selection.anchorNode) || !original.contains(selection.focusNode)) return;
    var text = selection.toString();
    if (!text.trim()) return;
    field.value = text.trim();
    var redact = document.querySelector('input[name="action"][value="redact"]');
    if (redact) redact.checked = true;
  }
  original.addEventListener('mouseup', take);
  original.addEventListener('keyup', take);
  original.addEventListener('touchend', take);
});

// Case page: the actions offered follow the chosen clause (each option
// lists what its clause allows); without script the form's "show this
// clause's actions" button asks the server for the same.
document.addEventListener('DOMContentLoaded', function () {
  var clause = document.getElementById('clause');
  if (!clause) return;
  var refresh = document.querySelector('.refresh-actions');
  if (refresh) refresh.hidden = true;
  function follow() {
    var option = clause.options[clause.selectedIndex];
    var allowed = ((option && option.getAttribute('data-actions')) || '').split(',');
    document.querySelectorAll('input[data-needs]').forEach(function (input) {
      var needs = input.getAttribute('data-needs');
      var ok = !needs || allowed.indexOf(needs) !== -1;
      input.closest('label').hidden = !ok;
      if (!ok && input.checked) input.checked = false;
    });
  }
  clause.addEventListener('change', follow);
});
