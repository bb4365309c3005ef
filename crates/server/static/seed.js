// A seed party's secret, made in this browser: 32 random bytes and their commitment
// SHA-256("shijian-draw-commit v1\n" + plan + "\n" + party + "\n" + secret), as
// shijian_core::inspection::seed::party_commitment computes it. The secret never leaves the
// page until the party reveals it; the commitment goes into the form.
(function () {
  const hex = (bytes) => Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  document.querySelectorAll("form[data-commit]").forEach((form) => {
    const button = form.querySelector("button.make-secret");
    const out = form.querySelector("output.secret");
    const field = form.querySelector("input[name=commitment]");
    if (!button || !field || !out) return;
    button.hidden = false;
    button.addEventListener("click", async () => {
      if (!window.crypto || !window.crypto.subtle) {
        out.textContent = button.dataset.unavailable || "";
        return;
      }
      const secret = new Uint8Array(32);
      window.crypto.getRandomValues(secret);
      const head = new TextEncoder().encode(
        "shijian-draw-commit v1\n" + form.dataset.plan + "\n" + form.dataset.party + "\n",
      );
      const input = new Uint8Array(head.length + secret.length);
      input.set(head);
      input.set(secret, head.length);
      const digest = new Uint8Array(await window.crypto.subtle.digest("SHA-256", input));
      field.value = hex(digest);
      out.textContent = hex(secret);
      out.hidden = false;
    });
  });
})();
