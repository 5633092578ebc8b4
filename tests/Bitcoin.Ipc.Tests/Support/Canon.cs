using System.Collections;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Bitcoin.Common.Addresses;
using Bitcoin.Common.Settings;
using NBitcoin;

namespace Bitcoin.Ipc.Tests.Support;

/// <summary>
/// A canonical text of any value these interfaces return, so a result that crossed the connection can be compared
/// with the direct call's: Bitcoin objects by their serialization, records by their members, collections by items.
/// </summary>
internal static class Canon
{
    public static string Of(object? value)
    {
        var output = new StringBuilder();
        Write(output, value, 0);
        return output.ToString();
    }

    private static void Write(StringBuilder output, object? value, int depth)
    {
        if (depth > 20) throw new InvalidOperationException("value nests too deep");
        switch (value)
        {
            case null:
                output.Append("null");
                return;
            case string s:
                output.Append('"').Append(s).Append('"');
                return;
            case bool or int or long or uint or ulong or double or byte or Enum:
                output.Append(Convert.ToString(value, CultureInfo.InvariantCulture));
                return;
            case uint256 or Money or KeyId or PubKey or Script:
                output.Append(value);
                return;
            case FeeRate rate:
                output.Append(rate.FeePerK.Satoshi).Append("/kvB");
                return;
            case TxDestination destination:
                output.Append(destination.GetType().Name).Append(':').Append(Convert.ToHexString(destination.ScriptBytes));
                return;
            case IBitcoinSerializable serializable:
                output.Append(serializable.GetType().Name).Append(':').Append(Convert.ToHexString(serializable.ToBytes()));
                return;
            case SettingsValue setting:
                output.Append(setting.Write());
                return;
            case JsonNode node:
                output.Append(node.ToJsonString());
                return;
            case byte[] bytes:
                output.Append(Convert.ToHexString(bytes));
                return;
            case IDictionary dictionary:
                var entries = new List<string>();
                foreach (DictionaryEntry entry in dictionary) entries.Add(Of(entry.Key) + "=" + Of(entry.Value));
                entries.Sort(StringComparer.Ordinal);
                output.Append('{').AppendJoin(",", entries).Append('}');
                return;
            case IEnumerable items:
                output.Append('[');
                foreach (var item in items)
                {
                    Write(output, item, depth + 1);
                    output.Append(',');
                }

                output.Append(']');
                return;
            case System.Runtime.CompilerServices.ITuple tuple:
                output.Append('(');
                for (var i = 0; i < tuple.Length; i++)
                {
                    Write(output, tuple[i], depth + 1);
                    output.Append(',');
                }

                output.Append(')');
                return;
        }

        output.Append(value.GetType().Name).Append('{');
        foreach (var property in value.GetType().GetProperties(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance).Where(static p => p.GetIndexParameters().Length == 0).OrderBy(static p => p.Name, StringComparer.Ordinal))
        {
            output.Append(property.Name).Append('=');
            Write(output, property.GetValue(value), depth + 1);
            output.Append(';');
        }

        output.Append('}');
    }
}
