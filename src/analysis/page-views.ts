/**
 * The typed contexts of the analyst's HTML pages (`templates/report/*.html.hbs`): what each
 * page's template may read. The page set checks every template against these when it loads,
 * the way letters are checked, so a template that names a field the view does not have fails
 * at load, not in front of a reader. The views hold display-ready values: numbers for
 * positions and counts, strings already worded; the templates escape every one of them.
 */
import { z } from "zod";

/** A colour key: a CSS class of the page's stylesheet (`reject`, `remind`, `accept`, `info`, `count`, `level-…`, `shade-…`). */
const swatch = z.string();

/** One entry of a legend: the colour and what it means. */
export const legendItemSchema = z.object({ swatch, label: z.string() });

/** A text with an optional tooltip (a rule's title with its id on hover). */
export const hoverTextSchema = z.object({ text: z.string(), hover: z.string().optional() });

/** One table cell: plain text, a number, a coloured badge, a line of small print, or a list. */
export const cellSchema = z.object({
  text: z.string(),
  hover: z.string().optional(),
  numeric: z.boolean(),
  /** Shows the text as a coloured badge with this swatch. */
  badge: z.string().optional(),
  /** Shows the cell with this background swatch (the diff's shaded matrix). */
  shade: z.string().optional(),
  /** A second, smaller line. */
  small: z.string().optional(),
  /** Items shown one after another in small print, each with its own tooltip. */
  list: z.array(hoverTextSchema).optional(),
  /** A header cell of a row (`<th scope="row">`). */
  rowHeader: z.boolean().optional(),
});

/** A table: column headers and rows of cells. */
export const tableSchema = z.object({
  columns: z.array(z.object({ text: z.string(), numeric: z.boolean() })),
  rows: z.array(z.object({ cells: z.array(cellSchema) })),
});

const barSchema = z.object({
  x: z.number(),
  y: z.number(),
  width: z.number(),
  height: z.number(),
  swatch,
  hover: z.string(),
});

const axisLabelSchema = z.object({ text: z.string(), x: z.number(), y: z.number() });
const tickSchema = z.object({
  x1: z.number(),
  x2: z.number(),
  y1: z.number(),
  y2: z.number(),
  labelX: z.number(),
  labelY: z.number(),
  label: z.string(),
});

/** Horizontal bars, one row per label, optionally in groups with a heading row each. */
export const barChartSchema = z.object({
  title: z.string(),
  width: z.number(),
  height: z.number(),
  legend: z.array(legendItemSchema),
  ticks: z.array(tickSchema),
  axis: axisLabelSchema,
  labelX: z.number(),
  rows: z.array(
    z.object({
      heading: z.boolean(),
      label: z.string(),
      hover: z.string(),
      textY: z.number(),
      bars: z.array(barSchema),
      total: z.string(),
      totalX: z.number(),
    }),
  ),
});

/** Stacked columns, one per category (months), with a labelled value axis. */
export const columnChartSchema = z.object({
  title: z.string(),
  width: z.number(),
  height: z.number(),
  legend: z.array(legendItemSchema),
  ticks: z.array(tickSchema),
  xAxis: axisLabelSchema,
  yAxis: axisLabelSchema,
  columns: z.array(
    z.object({
      centre: z.number(),
      bars: z.array(barSchema),
      total: z.string(),
      totalY: z.number(),
      label: z.string(),
      labelY: z.number(),
      sublabel: z.string(),
      sublabelY: z.number(),
    }),
  ),
});

/** What every page's frame shows: the document title, the heading's lines and the footer. */
export const pageHeadSchema = z.object({
  title: z.string(),
  lede: z.string(),
  meta: z.array(z.string()),
  footer: z.string(),
});

const sectionNoteSchema = z.object({ note: z.string() });

/** The analyst's report (`report --format html`). */
export const reportViewSchema = z.object({
  page: pageHeadSchema,
  kpis: z.array(z.object({ value: z.string(), label: z.string(), swatch })),
  months: sectionNoteSchema.extend({ chart: columnChartSchema }),
  senders: sectionNoteSchema.extend({
    chart: barChartSchema.optional(),
    internal: z.string().optional(),
  }),
  escalation: sectionNoteSchema
    .extend({ legend: z.array(legendItemSchema), table: tableSchema.optional() })
    .optional(),
  rules: sectionNoteSchema.extend({ chart: barChartSchema }),
  information: sectionNoteSchema.extend({ chart: barChartSchema }).optional(),
  clauses: sectionNoteSchema.extend({ chart: barChartSchema.optional() }),
  teams: z.object({ external: tableSchema, internal: tableSchema.optional() }),
  categories: tableSchema,
  errors: sectionNoteSchema.extend({ table: tableSchema }).optional(),
});
export type ReportView = z.output<typeof reportViewSchema>;

/** The ruleset diff page (`diff --format html`). */
export const diffViewSchema = z.object({
  page: pageHeadSchema,
  summary: z.string(),
  changes: z.array(z.string()),
  matrix: sectionNoteSchema.extend({ table: tableSchema, legend: z.array(legendItemSchema) }),
  rules: tableSchema,
  samples: z.array(z.object({ head: hoverTextSchema, text: z.string(), ids: z.string() })),
});
export type DiffView = z.output<typeof diffViewSchema>;

/** The score of a labelled evaluation set (`score --format html`). */
export const scoreViewSchema = z.object({
  page: pageHeadSchema,
  figures: z.array(z.string()),
  rules: sectionNoteSchema.extend({ chart: barChartSchema.optional(), table: tableSchema }),
  categories: sectionNoteSchema.extend({ table: tableSchema }),
  confusion: sectionNoteSchema.extend({ legend: z.array(legendItemSchema), table: tableSchema }),
  unknown: z.string().optional(),
  misses: sectionNoteSchema.extend({
    items: z.array(
      z.object({
        head: z.string(),
        place: z.string(),
        lines: z.array(z.string()),
        body: z.string(),
      }),
    ),
  }),
  errors: sectionNoteSchema.extend({ table: tableSchema }).optional(),
});
export type ScoreView = z.output<typeof scoreViewSchema>;

export type LegendItem = z.output<typeof legendItemSchema>;
export type HoverText = z.output<typeof hoverTextSchema>;
export type Cell = z.output<typeof cellSchema>;
export type Table = z.output<typeof tableSchema>;
export type BarChart = z.output<typeof barChartSchema>;
export type ColumnChart = z.output<typeof columnChartSchema>;
export type PageHead = z.output<typeof pageHeadSchema>;
