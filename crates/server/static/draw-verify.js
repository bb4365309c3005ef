// Repeats a random-inspection draw in the browser from the public record alone:
// 1. each revealed secret against the commitment its party published before the pool was fixed:
//    SHA-256("shijian-draw-commit v1\n" ‖ plan ‖ "\n" ‖ party ‖ "\n" ‖ secret);
// 2. the seed: SHA-256("shijian-draw-seed v1\nplan …\npool …\ncheckpoint <size> <root>\n" and one
//    line "party <name> <secret|absent>" per party in byte order of its name), against the seed
//    shown in the page's field (the published one unless someone typed another);
// 3. each drawn target's key, the first 8 bytes (big-endian) of SHA-256(seed ‖ target id), and the
//    targets' order: the tasks are ranked by key, ties by id.
// Which targets of each credit class were drawn needs the pool file, which lists every target's
// class and is restricted; auditors repeat that part with `shijian draw verify`.
// #result gets data-verified="yes" or "no".
"use strict";

(function () {
  const result = document.getElementById("result");
  const steps = document.getElementById("steps");
  const input = document.getElementById("seed-input");
  const en = result.dataset.lang === "en";
  const plan = result.dataset.plan;
  const t = (zh, english) => (en ? english : zh);
  const utf8 = (s) => new TextEncoder().encode(s);
  const hex = (bytes) => Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  const fromHex = (s) => {
    if (!/^[0-9a-fA-F]{64}$/.test(s)) throw new Error(t("随机数种子应为64位十六进制数", "the seed is 64 hex digits"));
    return new Uint8Array(s.match(/../g).map((h) => parseInt(h, 16)));
  };
  const concat = (...parts) => {
    const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const p of parts) { out.set(p, at); at += p.length; }
    return out;
  };
  const sha256 = async (bytes) => new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  const bytesCmp = (a, b) => {
    for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i] - b[i];
    return a.length - b.length;
  };

  function step(ok, zh, english) {
    const li = document.createElement("li");
    li.textContent = (ok ? "✓ " : "✗ ") + t(zh, english);
    steps.appendChild(li);
    if (!ok) throw new Error(t(zh, english));
  }

  async function json(url) {
    const r = await fetch(url);
    if (!r.ok) throw new Error(url + ": " + r.status);
    return r.json();
  }

  async function run() {
    steps.textContent = "";
    result.dataset.verified = "pending";
    result.textContent = t("正在复核……", "Checking…");
    try {
      const p = (await json("/api/v1/inspection/plans/" + encodeURIComponent(plan))).plan;
      const d = p.draw;
      step(!!d && !!p.published, "计划已抽取，记录公开", "the plan is drawn and its record public");
      for (const part of d.parts) {
        if (part.secret === null || part.secret === undefined) continue;
        const c = hex(await sha256(concat(utf8("shijian-draw-commit v1\n" + plan + "\n" + part.party + "\n"), fromHex(part.secret))));
        step(c === p.commitments[part.party],
          "参与方 " + part.party + " 揭示的随机数与其事先承诺一致",
          "party " + part.party + "'s secret opens its commitment");
      }
      const parts = d.parts.slice().sort((a, b) => bytesCmp(utf8(a.party), utf8(b.party)));
      let text = "shijian-draw-seed v1\nplan " + plan + "\npool " + p.published.pool_hash.toLowerCase() +
        "\ncheckpoint " + d.checkpoint_size + " " + d.checkpoint_root.toLowerCase() + "\n";
      for (const part of parts) text += "party " + part.party + " " + (part.secret ? part.secret.toLowerCase() : "absent") + "\n";
      const computed = hex(await sha256(utf8(text)));
      const seed = input.value.trim().toLowerCase();
      step(computed === seed,
        "由计划编号、名录哈希、检查点与各方随机数算得的种子 " + computed + " 与所示种子一致",
        "the seed computed from the plan, the pool hash, the checkpoint and the parts, " + computed + ", is the seed shown");
      const seedBytes = fromHex(seed);
      let after = 0, n = 0, prev = null;
      for (;;) {
        const page = await json("/api/v1/inspection/plans/" + encodeURIComponent(plan) + "/tasks?limit=500&after=" + after);
        for (const task of page.items) {
          const id = task.assigned.target;
          const key = (await sha256(concat(seedBytes, utf8(id)))).slice(0, 8);
          if (prev) {
            const c = bytesCmp(prev.key, key);
            // Only a target out of order is listed: a list of thousands stays one line.
            if (!(c < 0 || (c === 0 && bytesCmp(utf8(prev.id), utf8(id)) < 0))) {
              step(false, "第" + task.assigned.rank + "名 " + id + " 的密钥不在其前一名之后：名单次序与种子不符",
                "rank " + task.assigned.rank + ", " + id + ", is not after the one before it in key order: the list does not follow from the seed");
            }
          }
          prev = { key, id };
          after = task.assigned.rank;
          n += 1;
        }
        if (!page.next) break;
      }
      step(true, "全部 " + n + " 个抽取对象均按其密钥（种子与对象编号的SHA-256前8字节）排序", "all " + n + " targets drawn are in the order of their keys (the first 8 bytes of SHA-256 of the seed and the id)");
      step(n === d.drawn, "共 " + n + " 个抽取对象，与抽取记录相符", n + " targets drawn, as the draw's record says");
      result.dataset.verified = "yes";
      result.textContent = t("已复现：种子和抽取对象的次序均可由公开记录重新算出。", "Reproduced: the seed and the order of the targets drawn follow from the public record.");
    } catch (e) {
      result.dataset.verified = "no";
      result.textContent = t("未能复现：", "Not reproduced: ") + e.message;
    }
  }

  document.getElementById("seed-form").addEventListener("submit", (ev) => { ev.preventDefault(); run(); });
  run();
})();
