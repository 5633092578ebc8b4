using System.Text;

namespace Bitcoin.Common.Rpc.Internal;

/// <summary>
/// Two-column help text: a left part (name or JSON skeleton) and a right part (description) aligned four columns after
/// the longest left part, continuation lines of a description indented to the same column.
/// </summary>
internal sealed class HelpSections
{
    private readonly List<(string Left, string Right)> _sections = new();
    private int _maxPad;

    public bool IsEmpty => _sections.Count == 0;

    public void PushSection(string left, string right)
    {
        _maxPad = Math.Max(_maxPad, left.Length);
        _sections.Add((left, right));
    }

    public void DropTrailingComma()
    {
        var (left, right) = _sections[^1];
        _sections[^1] = (left[..^1], right);
    }

    /// <summary>Adds the nested members of an argument (objects and arrays), as the Arguments: section shows them.</summary>
    public void Push(RpcArg arg, int indent = 5, HelpOuterType outer = HelpOuterType.None)
    {
        string ind = new(' ', indent);
        string indNext = new(' ', indent + 2);
        bool pushName = outer == HelpOuterType.Obj;
        bool topLevel = outer == HelpOuterType.None;

        switch (arg.Type)
        {
            case RpcArgType.StrHex:
            case RpcArgType.Str:
            case RpcArgType.Num:
            case RpcArgType.Amount:
            case RpcArgType.Range:
            case RpcArgType.Bool:
            case RpcArgType.ObjNamedParams:
            {
                if (topLevel) return;
                string left = ind;
                if (arg.Options.TypeStr.Count != 0 && pushName) left += "\"" + arg.Name + "\": " + arg.Options.TypeStr[0];
                else left += pushName ? arg.ToObjectMemberString(false) : arg.ToTypeString(false);
                left += ",";
                PushSection(left, arg.ToDescriptionString(pushName));
                break;
            }
            case RpcArgType.Obj:
            case RpcArgType.ObjUserKeys:
            {
                string right = topLevel ? "" : arg.ToDescriptionString(pushName);
                PushSection(ind + (pushName ? "\"" + arg.Name + "\": " : "") + "{", right);
                foreach (var inner in arg.Inner) Push(inner, indent + 2, HelpOuterType.Obj);
                if (arg.Type != RpcArgType.Obj) PushSection(indNext + "...", "");
                PushSection(ind + "}" + (topLevel ? "" : ","), "");
                break;
            }
            case RpcArgType.Arr:
            {
                string left = ind + (pushName ? "\"" + arg.Name + "\": " : "") + "[";
                string right = topLevel ? "" : arg.ToDescriptionString(pushName);
                PushSection(left, right);
                foreach (var inner in arg.Inner) Push(inner, indent + 2, HelpOuterType.Arr);
                PushSection(indNext + "...", "");
                PushSection(ind + "]" + (topLevel ? "" : ","), "");
                break;
            }
        }
    }

    public override string ToString()
    {
        var sb = new StringBuilder();
        int pad = _maxPad + 4;
        foreach (var (left, right) in _sections)
        {
            if (right.Length == 0)
            {
                sb.Append(left).Append('\n');
                continue;
            }
            sb.Append(left.PadRight(pad));
            // Continuation lines of a description start at the description column; leading spaces are dropped.
            int begin = 0;
            int newline = right.IndexOf('\n');
            while (true)
            {
                sb.Append(right, begin, (newline < 0 ? right.Length : newline) - begin);
                if (newline < 0) break;
                sb.Append('\n').Append(' ', pad);
                begin = newline + 1;
                while (begin < right.Length && right[begin] == ' ') begin++;
                if (begin >= right.Length) break;
                newline = right.IndexOf('\n', begin + 1);
            }
            sb.Append('\n');
        }
        return sb.ToString();
    }
}
