namespace PaymentsPortal.Core.Banking.Statements.Ofx;

/// <summary>
/// Builds the element tree from tokens. In OFX 1.x SGML a leaf's end tag is optional, so whether a start tag opens an
/// aggregate or a leaf is decided by what follows: text makes it a leaf; another tag makes it an aggregate if it is
/// one OFX defines, or one this file closes somewhere; otherwise it is an empty leaf (banks do send <c>&lt;MEMO&gt;</c>
/// with nothing after it). Aggregates must be closed properly: a missing <c>&lt;/STMTTRN&gt;</c> is a problem, never
/// guessed around, because guessing could move one transaction's values into another.
/// </summary>
internal static class OfxTreeBuilder
{
    /// <summary>Real statements nest about eight deep; the cap keeps hostile nesting from exhausting the stack.</summary>
    public const int MaxDepth = 32;

    private static readonly HashSet<string> Aggregates = new(StringComparer.Ordinal)
    {
        "OFX", "SIGNONMSGSRSV1", "SONRS", "STATUS", "FI", "BANKMSGSRSV1", "STMTTRNRS", "STMTRS", "BANKACCTFROM",
        "BANKACCTTO", "BANKTRANLIST", "STMTTRN", "LEDGERBAL", "AVAILBAL", "BALLIST", "BAL", "CURRENCY", "ORIGCURRENCY",
        "PAYEE", "CCACCTFROM", "CCACCTTO", "CREDITCARDMSGSRSV1", "CCSTMTTRNRS", "CCSTMTRS", "SIGNUPMSGSRSV1",
        "INVSTMTMSGSRSV1", "INVSTMTTRNRS", "INVSTMTRS", "IMAGEDATA", "MSGSETLIST",
    };

    private static readonly HashSet<string> Leaves = new(StringComparer.Ordinal)
    {
        "TRNTYPE", "DTPOSTED", "DTUSER", "DTAVAIL", "TRNAMT", "FITID", "CORRECTFITID", "CORRECTACTION", "SRVRTID",
        "CHECKNUM", "REFNUM", "SIC", "PAYEEID", "NAME", "EXTDNAME", "MEMO", "CURSYM", "CURRATE", "DTSTART", "DTEND",
        "BALAMT", "DTASOF", "CURDEF", "BANKID", "BRANCHID", "ACCTID", "ACCTTYPE", "ACCTKEY", "CODE", "SEVERITY",
        "MESSAGE", "DTSERVER", "LANGUAGE", "ORG", "FID", "TRNUID", "CLTCOOKIE", "MKTGINFO", "DTPROFUP", "DTACCTUP",
    };

    public static bool IsKnownAggregate(string name) => Aggregates.Contains(name);

    /// <summary>The document's root (named #document), or null and the problem that stopped it.</summary>
    public static OfxElement? Build(List<OfxToken> tokens, int maxTransactions, out StatementProblem? problem)
    {
        problem = null;
        var closedSomewhere = tokens.Where(t => t.Kind == OfxTokenKind.End).Select(t => t.Value).ToHashSet(StringComparer.Ordinal);
        var root = new OfxElement("#document", 0);
        var open = new Stack<OfxElement>();
        open.Push(root);
        OfxElement? pending = null;
        OfxElement? lastLeaf = null;
        var transactions = 0;
        foreach (var token in tokens)
        {
            problem = token.Kind switch
            {
                OfxTokenKind.Error => StatementProblem.AtLine(token.Line, null, token.Value),
                OfxTokenKind.Text => Text(token, ref pending, ref lastLeaf),
                OfxTokenKind.Start => Start(token, open, closedSomewhere, ref pending, ref lastLeaf, ref transactions, maxTransactions),
                OfxTokenKind.End => End(token, open, closedSomewhere, ref pending, ref lastLeaf),
                _ => null,
            };
            if (problem is not null)
            {
                return null;
            }
        }

        problem = Settle(ref pending, open, closedSomewhere);
        if (problem is null && open.Count > 1)
        {
            var unclosed = open.Peek();
            problem = StatementProblem.AtLine(unclosed.Line, unclosed.Name, $"the file ends before <{unclosed.Name}> is closed: it looks cut off");
        }

        return problem is null ? root : null;
    }

    private static StatementProblem? Text(OfxToken token, ref OfxElement? pending, ref OfxElement? lastLeaf)
    {
        if (pending is null)
        {
            return StatementProblem.AtLine(token.Line, null, $"the text {StatementText.Quote(token.Value)} is not inside a tag");
        }

        if (Aggregates.Contains(pending.Name))
        {
            return StatementProblem.AtLine(token.Line, pending.Name, $"<{pending.Name}> should hold other tags, not the text {StatementText.Quote(token.Value)}");
        }

        pending.Value = token.Value;
        lastLeaf = pending;
        pending = null;
        return null;
    }

    private static StatementProblem? Start(
        OfxToken token, Stack<OfxElement> open, HashSet<string> closedSomewhere, ref OfxElement? pending, ref OfxElement? lastLeaf, ref int transactions, int maxTransactions)
    {
        var problem = Settle(ref pending, open, closedSomewhere);
        if (problem is not null)
        {
            return problem;
        }

        lastLeaf = null;
        var parent = open.Peek();
        if (parent.Name == token.Value && Aggregates.Contains(token.Value))
        {
            return StatementProblem.AtLine(parent.Line, parent.Name, $"<{parent.Name}> is not closed before the next <{token.Value}> on line {token.Line}");
        }

        if (token.Value == "STMTTRN" && ++transactions > maxTransactions)
        {
            return StatementProblem.ForFile(
                $"The file has more than {StatementText.Count(maxTransactions)} transactions, the most one import takes. Export a shorter date range.");
        }

        pending = new OfxElement(token.Value, token.Line);
        parent.Children.Add(pending);
        return null;
    }

    private static StatementProblem? End(OfxToken token, Stack<OfxElement> open, HashSet<string> closedSomewhere, ref OfxElement? pending, ref OfxElement? lastLeaf)
    {
        if (pending is not null && pending.Name == token.Value)
        {
            // <X></X>: an empty leaf, or an aggregate with nothing in it.
            pending.Value = Aggregates.Contains(pending.Name) ? null : "";
            pending = null;
            return null;
        }

        var problem = Settle(ref pending, open, closedSomewhere);
        if (problem is not null)
        {
            return problem;
        }

        if (lastLeaf is not null && lastLeaf.Name == token.Value)
        {
            lastLeaf = null;
            return null;
        }

        lastLeaf = null;
        var top = open.Peek();
        if (top.Name == token.Value)
        {
            open.Pop();
            return null;
        }

        return open.Any(e => e.Name == token.Value)
            ? StatementProblem.AtLine(top.Line, top.Name, $"<{top.Name}> is not closed before </{token.Value}> on line {token.Line}")
            : StatementProblem.AtLine(token.Line, token.Value, $"</{token.Value}> closes a tag that was never opened");
    }

    /// <summary>Decides what a start tag without text was: an aggregate (now open) or an empty leaf.</summary>
    private static StatementProblem? Settle(ref OfxElement? pending, Stack<OfxElement> open, HashSet<string> closedSomewhere)
    {
        if (pending is null)
        {
            return null;
        }

        var element = pending;
        pending = null;
        if (Aggregates.Contains(element.Name) || (!Leaves.Contains(element.Name) && closedSomewhere.Contains(element.Name)))
        {
            if (open.Count > MaxDepth)
            {
                return StatementProblem.AtLine(element.Line, element.Name, "the tags nest deeper than any statement does");
            }

            open.Push(element);
            return null;
        }

        element.Value = "";
        return null;
    }
}
