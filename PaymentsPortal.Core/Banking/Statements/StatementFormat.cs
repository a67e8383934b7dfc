namespace PaymentsPortal.Core.Banking.Statements;

/// <summary>What a statement file turned out to be, judged from its content rather than its name.</summary>
public enum StatementFormat
{
    /// <summary>Comma, semicolon or tab separated values; needs a <see cref="CsvColumnMapping"/>.</summary>
    Csv,

    /// <summary>OFX 1.x: SGML with an <c>OFXHEADER:100</c> header block and leaf tags that are never closed.</summary>
    OfxSgml,

    /// <summary>OFX 2.x: XML with an <c>&lt;?OFX …?&gt;</c> processing instruction.</summary>
    OfxXml,
}
