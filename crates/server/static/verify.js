// Verifies a public record in the browser, from public data only:
// 1. the record's commitment: entry = 0x01 || SHA-256("shijian/commitment/v1\n" || salt || record);
// 2. its inclusion in the log: RFC 6962 leaf hash, the receipt's inclusion proof (RFC 9162 §2.1.3.2)
//    up to the root of the receipt's checkpoint;
// 3. the log's Ed25519 signature on that checkpoint (C2SP signed-note), with the key at /log/key.
// The page shows each step; #result gets data-verified="yes" or "no".
"use strict";

(function () {
  const result = document.getElementById("result");
  const steps = document.getElementById("steps");
  const en = result.dataset.lang === "en";
  const id = result.dataset.event;
  const t = (zh, english) => (en ? english : zh);

  function step(ok, zh, english) {
    const li = document.createElement("li");
    li.textContent = (ok ? "✓ " : "✗ ") + t(zh, english);
    steps.appendChild(li);
    if (!ok) throw new Error(t(zh, english));
  }

  const hex = (bytes) => Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  const fromHex = (s) => new Uint8Array(s.match(/../g).map((h) => parseInt(h, 16)));
  const fromB64 = (s) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));
  const concat = (...parts) => {
    const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const p of parts) { out.set(p, at); at += p.length; }
    return out;
  };
  const sha256 = async (bytes) => new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  const equal = (a, b) => a.length === b.length && a.every((x, i) => x === b[i]);

  async function fetchText(url) {
    const r = await fetch(url);
    if (!r.ok) throw new Error(url + ": " + r.status);
    return r.text();
  }

  // RFC 9162 §2.1.3.2: verify an inclusion proof.
  async function rootFromProof(index, size, leaf, proof) {
    if (index >= size) return null;
    let fn = index, sn = size - 1, r = leaf;
    const one = new Uint8Array([1]);
    for (const p of proof) {
      if (sn === 0) return null;
      if (fn % 2 === 1 || fn === sn) {
        r = await sha256(concat(one, p, r));
        if (fn % 2 === 0) {
          while (fn % 2 === 0 && fn !== 0) { fn = Math.floor(fn / 2); sn = Math.floor(sn / 2); }
        }
      } else {
        r = await sha256(concat(one, r, p));
      }
      fn = Math.floor(fn / 2); sn = Math.floor(sn / 2);
    }
    return sn === 0 ? r : null;
  }

  async function run() {
    const event = JSON.parse(await fetchText("/api/v1/events/" + encodeURIComponent(id)));
    const enc = new TextEncoder();
    const commitment = await sha256(concat(enc.encode("shijian/commitment/v1\n"), fromHex(event.salt), enc.encode(event.record)));
    const entry = concat(new Uint8Array([1]), commitment);
    step(hex(entry) === event.entry, "记录与盐值算出的日志条目一致", "the record and its salt give the log entry");

    const receipt = await fetchText("/api/v1/receipts/" + encodeURIComponent(id));
    const [head, note] = [receipt.slice(0, receipt.indexOf("\n\n")), receipt.slice(receipt.indexOf("\n\n") + 2)];
    const lines = head.split("\n");
    step(lines[0] === "c2sp.org/tlog-proof@v1", "收据格式正确", "the receipt is a C2SP tlog-proof");
    let index = null;
    const proof = [];
    for (const line of lines.slice(1)) {
      if (line.startsWith("index ")) index = Number(line.slice(6));
      else if (!line.startsWith("extra ")) proof.push(fromB64(line));
    }
    step(index === event.index, "收据针对这条记录（序号 " + index + "）", "the receipt is for this record (index " + index + ")");

    const sep = note.indexOf("\n\n");
    const body = note.slice(0, sep + 1);
    const [origin, sizeText, rootB64] = body.split("\n");
    const leaf = await sha256(concat(new Uint8Array([0]), entry));
    const root = await rootFromProof(index, Number(sizeText), leaf, proof);
    step(root !== null && equal(root, fromB64(rootB64)), "包含证明通向日志根（日志共 " + sizeText + " 条）",
      "the inclusion proof leads to the log's root (" + sizeText + " entries)");

    const vkey = (await fetchText("/log/key")).trim();
    const [name, keyId, keyB64] = vkey.split("+");
    const raw = fromB64(keyB64);
    step(name === origin && raw[0] === 1, "公钥属于该日志（Ed25519）", "the key is the log's (Ed25519)");
    const sigLine = note.slice(sep + 2).split("\n").find((l) => l.startsWith("— " + name + " "));
    step(Boolean(sigLine), "检查点带有该日志的签名", "the checkpoint carries the log's signature");
    const sig = fromB64(sigLine.slice(("— " + name + " ").length));
    step(hex(sig.slice(0, 4)) === keyId, "签名的密钥编号与公钥一致", "the signature's key id matches the key");
    const key = await crypto.subtle.importKey("raw", raw.slice(1), { name: "Ed25519" }, false, ["verify"]);
    const ok = await crypto.subtle.verify({ name: "Ed25519" }, key, sig.slice(4), enc.encode(body));
    step(ok, "日志对检查点的签名有效", "the log's signature on the checkpoint is valid");

    result.dataset.verified = "yes";
    result.textContent = t("已验证：这条记录在公开日志中，未被篡改。", "Verified: this record is in the public log, unaltered.");
  }

  run().catch((e) => {
    result.dataset.verified = "no";
    result.textContent = t("未能验证：", "Not verified: ") + e.message;
  });
})();
