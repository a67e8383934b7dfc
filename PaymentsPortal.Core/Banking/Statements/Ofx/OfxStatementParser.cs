using PaymentsPortal.Core.Payments;

namespace PaymentsPortal.Core.Banking.Statements.Ofx;

/// <summary>
/// Reads one bank or credit card statement (STMTRS or CCSTMTRS) from OFX 1.x SGML, OFX 2.x XML or QFX. TRNAMT is
/// already signed from the account holder's side (positive is a credit), which is our convention too.
/// </summary>
internal static class OfxStatementParser
{
    public static StatementParseResult Parse(StatementFile file, StatementImportOptions options)
    {
        var start = file.Format == StatementFormat.OfxSgml && OfxHeader.TryRead(file.Text, out var header) ? header.BodyStart : 0;
        var tokens = OfxTokenizer.Read(file.Text, start, options.MaxValueLength);
        var root = OfxTreeBuilder.Build(tokens, options.MaxRows, out var problem);
        if (root is null)
        {
            return StatementParseResult.Failure(problem!);
        }

        var ofx = root.Child("OFX");
        if (ofx is null)
        {
            return StatementParseResult.Failure(StatementProblem.ForFile("The file has no <OFX> element, so it is not an OFX statement."));
        }

        if (BankError(ofx) is { } error)
        {
            return StatementParseResult.Failure(error);
        }

        var statements = ofx.Descendants("STMTRS").Concat(ofx.Descendants("CCSTMTRS")).ToList();
        if (statements.Count != 1)
        {
            return StatementParseResult.Failure(StatementProblem.ForFile(statements.Count == 0
                ? ofx.Descendants("INVSTMTRS").Any()
                    ? "This is an investment statement; only bank and credit card statements can be imported."
                    : "The file has no bank or credit card statement in it."
                : $"The file holds statements for {statements.Count} accounts. Download one account at a time."));
        }

        var intuit = ofx.AnyDescendant(e => e.Name.StartsWith("INTU.", StringComparison.Ordinal));
        return new StatementReader(file, options, intuit).Read(statements[0]);
    }

    /// <summary>A STATUS with SEVERITY ERROR: the bank sent an error instead of (or around) the statement.</summary>
    private static StatementProblem? BankError(OfxElement ofx)
    {
        var failed = ofx.Descendants("STATUS").FirstOrDefault(s =>
            string.Equals(s.ValueOf("SEVERITY"), "ERROR", StringComparison.OrdinalIgnoreCase) && s.ValueOf("CODE") is not (null or "0"));
        if (failed is null)
        {
            return null;
        }

        var message = failed.ValueOf("MESSAGE") is { } text ? ": " + text : "";
        return StatementProblem.AtLine(failed.Line, "STATUS", $"the bank reported error {failed.ValueOf("CODE")} instead of a statement{message}");
    }

    private sealed class StatementReader(StatementFile file, StatementImportOptions options, bool intuit)
    {
        private readonly ProblemList problems = new(options.MaxProblems);
        private readonly Dictionary<string, int> fitIds = new(StringComparer.Ordinal);

        public StatementParseResult Read(OfxElement statement)
        {
            var currency = StatementCurrency(statement);
            var account = statement.Child("BANKACCTFROM") ?? statement.Child("CCACCTFROM");
            var accountId = account?.ValueOf("ACCTID");
            if (accountId is null)
            {
                problems.Add(StatementProblem.AtLine(account?.Line ?? statement.Line, "ACCTID", "the statement has no account id (ACCTID)"));
            }

            var last4 = accountId is null ? "" : accountId.Length <= 4 ? accountId : accountId[^4..];
            var list = statement.Child("BANKTRANLIST");
            var startDate = OptionalDate(list, "DTSTART");
            var endDate = OptionalDate(list, "DTEND");
            var ledger = statement.Child("LEDGERBAL");
            var balance = currency is null ? null : OptionalAmount(ledger, "BALAMT", currency);
            var balanceDate = OptionalDate(ledger, "DTASOF");
            var lines = new List<StatementLine>();
            foreach (var transaction in list?.Children.Where(c => c.Name == "STMTTRN") ?? [])
            {
                if (currency is not null && Transaction(transaction, currency, last4) is { } line)
                {
                    lines.Add(line);
                }
            }

            if (problems.Any)
            {
                return StatementParseResult.Failure(problems);
            }

            return StatementParseResult.Success(lines, new StatementMetadata
            {
                Format = file.Format,
                EncodingName = file.EncodingName,
                AccountLast4 = last4,
                AccountType = account?.Name == "CCACCTFROM" ? "CREDITCARD" : account?.ValueOf("ACCTTYPE")?.ToUpperInvariant(),
                Currency = currency,
                StartDate = startDate ?? (lines.Count > 0 ? lines.Min(l => l.Date) : null),
                EndDate = endDate ?? (lines.Count > 0 ? lines.Max(l => l.Date) : null),
                LedgerBalance = balance,
                LedgerBalanceDate = balanceDate,
                HasIntuitExtensions = intuit,
            });
        }

        private Currency? StatementCurrency(OfxElement statement)
        {
            var element = statement.Child("CURDEF");
            if (element?.Value is not { Length: > 0 } code)
            {
                problems.Add(StatementProblem.AtLine(statement.Line, "CURDEF", "the statement does not say its currency (CURDEF)"));
                return null;
            }

            if (!Currency.TryFrom(code, out var currency))
            {
                problems.Add(StatementProblem.AtLine(element.Line, "CURDEF", $"the currency {StatementText.Quote(code)} is not one we know"));
            }

            return currency;
        }

        private StatementLine? Transaction(OfxElement transaction, Currency statementCurrency, string last4)
        {
            var date = Required(transaction, "DTPOSTED", "the transaction has no date (DTPOSTED)") is { } posted ? Date(posted) : null;
            var currency = statementCurrency;
            if (transaction.Child("CURRENCY")?.Child("CURSYM") is { Value: { Length: > 0 } code } symbol)
            {
                if (!Currency.TryFrom(code, out var own))
                {
                    problems.Add(StatementProblem.AtLine(symbol.Line, "CURSYM", $"the currency {StatementText.Quote(code)} is not one we know"));
                    return null;
                }

                // CURRENCY means TRNAMT is in that currency; ORIGCURRENCY would mean it was converted to CURDEF already.
                currency = own;
            }

            var amount = Required(transaction, "TRNAMT", "the transaction has no amount (TRNAMT)") is { } trnamt ? Amount(trnamt, currency) : null;
            var fitId = Required(transaction, "FITID", "the transaction has no id (FITID), so a later import could not recognise it") is { } id ? FitId(id) : null;
            if (date is null || amount is null || fitId is null)
            {
                return null;
            }

            var name = transaction.ValueOf("NAME") ?? transaction.Child("PAYEE")?.ValueOf("NAME");
            var memo = transaction.ValueOf("MEMO");
            var description = name is null ? memo ?? transaction.ValueOf("TRNTYPE") ?? ""
                : memo is null || name.Contains(memo, StringComparison.OrdinalIgnoreCase) ? name
                : name + " " + memo;
            return new StatementLine(
                date.Value, amount.Value, StatementText.CleanDescription(description), fitId, null, transaction.Line, StatementFingerprint.ForOfx(last4, fitId));
        }

        private OfxElement? Required(OfxElement transaction, string name, string missing)
        {
            var element = transaction.Child(name);
            if (element?.Value is { Length: > 0 })
            {
                return element;
            }

            problems.Add(StatementProblem.AtLine(transaction.Line, name, missing));
            return null;
        }

        private DateOnly? Date(OfxElement element)
        {
            var date = OfxValues.Date(element.Value!, out var error);
            if (error is not null)
            {
                problems.Add(StatementProblem.AtLine(element.Line, element.Name, error));
            }

            return date;
        }

        private Money? Amount(OfxElement element, Currency currency)
        {
            var amount = OfxValues.Amount(element.Value!, currency, out var error);
            if (error is not null)
            {
                problems.Add(StatementProblem.AtLine(element.Line, element.Name, error));
            }

            return amount;
        }

        private string? FitId(OfxElement element)
        {
            var id = element.Value!.Trim();
            if (fitIds.TryGetValue(id, out var first))
            {
                problems.Add(StatementProblem.AtLine(element.Line, "FITID", $"the transaction id {StatementText.Quote(id)} was already used on line {first}, so one of the two would be lost"));
                return null;
            }

            fitIds[id] = element.Line;
            return id;
        }

        private DateOnly? OptionalDate(OfxElement? parent, string name) =>
            parent?.Child(name) is { Value.Length: > 0 } element ? Date(element) : null;

        private Money? OptionalAmount(OfxElement? parent, string name, Currency currency) =>
            parent?.Child(name) is { Value.Length: > 0 } element ? Amount(element, currency) : null;
    }
}
