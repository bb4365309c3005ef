// The 12315 form's attachments on a phone: a photo taken with the camera or photos and files
// chosen, each shown before sending (a thumbnail, its name and size) and removable, with the
// limits the server applies checked here first so that nothing is sent only to be refused.
// Without this script both file inputs still send their files with the form.
(function () {
  'use strict';
  var box = document.getElementById('attach');
  var input = document.getElementById('attachments');
  var camera = document.getElementById('camera');
  if (!box || !input || !camera || typeof DataTransfer === 'undefined') return;
  var maxFiles = Number(box.dataset.maxFiles);
  var maxBytes = Number(box.dataset.maxBytes);
  var list = document.getElementById('chosen');
  var error = document.getElementById('attach-error');
  var accepted = /^(image\/jpeg|image\/png|application\/pdf)$/;
  var chosen = [];

  function size(n) {
    return n < 1024 * 1024 ? Math.max(1, Math.round(n / 1024)) + ' KB' : (n / 1024 / 1024).toFixed(1) + ' MB';
  }

  // The chosen files become the form's own: the input that is sent holds exactly these.
  function show() {
    var all = new DataTransfer();
    chosen.forEach(function (f) { all.items.add(f); });
    input.files = all.files;
    list.textContent = '';
    chosen.forEach(function (f, i) {
      var item = document.createElement('li');
      if (f.type.indexOf('image/') === 0) {
        var img = document.createElement('img');
        img.alt = '';
        var reader = new FileReader();
        reader.onload = function () { img.src = reader.result; };
        reader.readAsDataURL(f);
        item.appendChild(img);
      } else {
        var doc = document.createElement('span');
        doc.className = 'doc';
        doc.textContent = 'PDF';
        item.appendChild(doc);
      }
      var name = document.createElement('span');
      name.className = 'name';
      name.textContent = f.name + ' · ' + size(f.size);
      item.appendChild(name);
      var remove = document.createElement('button');
      remove.type = 'button';
      remove.className = 'remove';
      remove.textContent = box.dataset.remove;
      remove.setAttribute('aria-label', box.dataset.remove + ' ' + f.name);
      remove.addEventListener('click', function () {
        chosen.splice(i, 1);
        show();
      });
      item.appendChild(remove);
      list.appendChild(item);
    });
  }

  function add(files) {
    var problems = [];
    Array.prototype.forEach.call(files, function (f) {
      if (!accepted.test(f.type)) {
        problems.push(box.dataset.wrongType + f.name);
      } else if (f.size > maxBytes) {
        problems.push(box.dataset.tooBig + f.name);
      } else if (chosen.length >= maxFiles) {
        if (problems.indexOf(box.dataset.tooMany) < 0) problems.push(box.dataset.tooMany);
      } else {
        chosen.push(f);
      }
    });
    error.textContent = problems.join(' ');
    error.hidden = problems.length === 0;
    show();
  }

  // The camera's input is not sent itself: what it takes joins the list.
  camera.removeAttribute('name');
  camera.addEventListener('change', function () {
    add(camera.files);
    camera.value = '';
  });
  input.addEventListener('change', function () {
    add(Array.prototype.slice.call(input.files));
  });
})();
