// Writes Word fixtures of the analysis package with the npm package docx
// (the exact version is in package.json and package-lock.json):
//
//   npm ci && node make-fixtures.mjs && rm -r node_modules
//
// npm-tracked-numbered.docx: running text whose paragraphs Word numbers
// automatically from 29, with tracked changes by two authors, one of whom
// inserts a whole paragraph without a number.
// npm-table.docx: a compilation table with a heading row spanning its
// columns, strikethrough, underline, and brackets in other runs than their
// words.
// npm-hidden.docx: a compilation table with hidden text (vanish,
// specVanish) set on runs, by a character style and by a paragraph style
// based on another (docx writes no w:val="false", so undoing is tested in
// Go).
import { writeFileSync } from "node:fs";
import {
  AlignmentType, DeletedTextRun, Document, InsertedTextRun, LevelFormat,
  Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType,
} from "docx";

const date = "2025-03-01T10:00:00Z";
let id = 0;
const ins = (author, text) => new InsertedTextRun({ text, id: ++id, author, date });
const del = (author, text) => new DeletedTextRun({ text, id: ++id, author, date });
const numbered = (...children) => new Paragraph({ numbering: { reference: "paras", level: 0 }, children });

const tracked = new Document({
  creator: "amendlens fixtures",
  numbering: {
    config: [{
      reference: "paras",
      levels: [{ level: 0, format: LevelFormat.DECIMAL, text: "%1.", start: 29, alignment: AlignmentType.START }],
    }],
  },
  sections: [{
    children: [
      new Paragraph({ children: [new TextRun("Draft outcome, chapter 2")] }),
      new Paragraph({ children: [new TextRun("2. Access")] }),
      numbered(new TextRun("We commit to"), ins("Kenya", " affordable and"), new TextRun(" universal access.")),
      numbered(new TextRun("We note the "), del("Norway", "important "), new TextRun("role of libraries.")),
      new Paragraph({ children: [ins("Norway", "We call for gender-responsive access policies.")] }),
      numbered(new TextRun("We invite"), ins("Kenya", " all"), new TextRun(" stakeholders to act"), del("Kenya", " soon"), ins("Norway", " now"), new TextRun(".")),
    ],
  }],
});

const cell = (...paragraphs) => new TableCell({ children: paragraphs });
const p = (...runs) => new Paragraph({ children: runs.map((r) => (typeof r === "string" ? new TextRun(r) : r)) });
const table = new Document({
  creator: "amendlens fixtures",
  sections: [{
    children: [
      p("Compilation of proposals"),
      new Table({
        width: { size: 100, type: WidthType.PERCENTAGE },
        rows: [
          new TableRow({ children: [cell(p("Base text")), cell(p("Group A")), cell(p("Agreed text"))] }),
          new TableRow({ children: [new TableCell({ columnSpan: 3, children: [p("1. Human rights")] })] }),
          new TableRow({ children: [
            cell(p("60."), p("We reaffirm human rights.")),
            cell(p("60."), p("We ", new TextRun({ text: "reaffirm", strike: true }), new TextRun({ text: " uphold", underline: {} }), " human rights ", new TextRun({ text: "[", bold: true }), "online", new TextRun({ text: " and offline]", bold: true }), ".")),
            cell(p("We uphold human rights.")),
          ] }),
          new TableRow({ children: [
            cell(p("61."), p("We support privacy.")),
            cell(p(new TextRun({ text: "We support data protection.", doubleStrike: true })), p("We [strongly] support privacy.")),
            cell(p("")),
          ] }),
        ],
      }),
    ],
  }],
});

const hidden = new Document({
  creator: "amendlens fixtures",
  styles: {
    characterStyles: [{ id: "Secret", name: "Secret", run: { vanish: true } }],
    paragraphStyles: [
      { id: "HiddenNote", name: "Hidden note", run: { vanish: true } },
      { id: "HiddenChild", name: "Hidden child", basedOn: "HiddenNote" },
    ],
  },
  sections: [{
    children: [
      p("Compilation of proposals"),
      new Table({
        width: { size: 100, type: WidthType.PERCENTAGE },
        rows: [
          new TableRow({ children: [cell(p("Base text")), cell(p("Group A")), cell(p("Agreed text"))] }),
          new TableRow({ children: [new TableCell({ columnSpan: 3, children: [p("1. Human rights")] })] }),
          new TableRow({ children: [
            cell(p("60."), p("We reaffirm human rights.")),
            cell(p("60."), p("We reaffirm ", new TextRun({ text: "all ", vanish: true }), new TextRun({ text: "universal ", style: "Secret" }), "human rights", new TextRun({ text: " everywhere", specVanish: true }), ".")),
            cell(new Paragraph({ style: "HiddenChild", children: [new TextRun("A drafting note.")] }), p("We reaffirm human rights.")),
          ] }),
        ],
      }),
    ],
  }],
});

writeFileSync("../npm-tracked-numbered.docx", await Packer.toBuffer(tracked));
writeFileSync("../npm-table.docx", await Packer.toBuffer(table));
writeFileSync("../npm-hidden.docx", await Packer.toBuffer(hidden));
