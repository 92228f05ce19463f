package readers

// The reason codes readers attach to records (pipeline.Problem.Code). They
// are a contract (spec section 4: the reasons column); the screen package
// holds the wording shown to users.
const (
	// ReasonCSVParseError (Input): encoding/csv could not parse the line.
	ReasonCSVParseError = "csv_parse_error"
	// ReasonDecodedWindows1252 (Note): a cell was not UTF-8 and was read as
	// Windows-1252.
	ReasonDecodedWindows1252 = "decoded_windows_1252"
	// ReasonDecodedUTF16 (Note, on the file's first record): the file is
	// UTF-16 with a byte order mark and was decoded.
	ReasonDecodedUTF16 = "decoded_utf16"
	// ReasonLineEndsCR (Note, on the file's first record): lines end with a
	// lone carriage return (old Mac exports) and were read as line breaks.
	ReasonLineEndsCR = "line_ends_cr"
	// ReasonUnterminatedQuote (Input): a quoted cell runs over many lines.
	ReasonUnterminatedQuote = "unterminated_quote"
	// ReasonBlankRow (Input): a CSV line with no cells.
	ReasonBlankRow = "blank_row"
	// ReasonTooFewFields (Input): fewer cells than header columns; padded.
	ReasonTooFewFields = "too_few_fields"
	// ReasonTooManyFields (Input): more cells than header columns; the extra
	// cells are kept in the last column.
	ReasonTooManyFields = "too_many_fields"
	// ReasonXMLBroken (Input): the worksheet (or shared-strings) XML is
	// broken here, for instance an undefined entity or a stray '<'. With a
	// field, that cell could not be read; without, some cells of the row
	// could not be read. The rest of the row and the sheet were read.
	ReasonXMLBroken = "xml_broken"
	// ReasonCellRefInvalid (Input): a cell's reference (r="B7") is
	// malformed, repeats or goes backwards; the value was placed after the
	// previous cell of the row, or dropped past the last column.
	ReasonCellRefInvalid = "cell_ref_invalid"
	// ReasonRowRefInvalid (Input): a row's number (r="7") is malformed, out
	// of range or not after the previous row's; the row was numbered after
	// the previous one.
	ReasonRowRefInvalid = "row_ref_invalid"
	// ReasonSharedStringInvalid (Input): a cell points to a shared string
	// that the workbook does not have; the cell was read as empty.
	ReasonSharedStringInvalid = "shared_string_invalid"
	// ReasonRowsAboveHeader (Note, on the file's first record): non-empty
	// rows above the header row (a title block) were not read as data.
	ReasonRowsAboveHeader = "rows_above_header"
	// ReasonStylesUnreadable (Note, on the file's first record): the
	// workbook's styles part could not be read, so numbers and dates are
	// shown unformatted (dates as Excel serial numbers).
	ReasonStylesUnreadable = "styles_unreadable"
)
