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
