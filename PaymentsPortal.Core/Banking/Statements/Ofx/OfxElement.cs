namespace PaymentsPortal.Core.Banking.Statements.Ofx;

/// <summary>One OFX element: an aggregate with children, or a leaf with a value.</summary>
internal sealed class OfxElement(string name, int line)
{
    public string Name { get; } = name;

    /// <summary>The line of its start tag.</summary>
    public int Line { get; } = line;

    /// <summary>The text of a leaf (empty for an empty one); null for an aggregate.</summary>
    public string? Value { get; set; }

    public List<OfxElement> Children { get; } = [];

    public OfxElement? Child(string childName) => Children.Find(c => string.Equals(c.Name, childName, StringComparison.OrdinalIgnoreCase));

    /// <summary>The value of the named child leaf, or null when it is missing or blank.</summary>
    public string? ValueOf(string childName) => Child(childName)?.Value is { Length: > 0 } value ? value : null;

    /// <summary>Every element below this one with the name, depth first (the tree's depth is capped when it is built).</summary>
    public IEnumerable<OfxElement> Descendants(string descendantName)
    {
        foreach (var child in Children)
        {
            if (string.Equals(child.Name, descendantName, StringComparison.OrdinalIgnoreCase))
            {
                yield return child;
            }

            foreach (var below in child.Descendants(descendantName))
            {
                yield return below;
            }
        }
    }

    public bool AnyDescendant(Func<OfxElement, bool> predicate) =>
        Children.Any(c => predicate(c) || c.AnyDescendant(predicate));
}
