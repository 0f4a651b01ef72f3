using System.Globalization;
using System.Text;

namespace PinterestPipeline.Emitter.Streams;

/// <summary>CPython's <c>float.__repr__</c> for a finite number, from its shortest round-trip digits.</summary>
internal static class PythonFloat
{
    /// <summary>
    /// Rewrites .NET's shortest round-trip text (<c>"R"</c>: <c>-89.9787</c>, <c>1E+16</c>, <c>1E-05</c>) as Python writes
    /// the same digits: positional while the decimal exponent is from -4 to 15 (<c>0.0001</c>, <c>1e-05</c>,
    /// <c>1000000000000000.0</c>, <c>1e+16</c>), with <c>.0</c> on whole numbers, else <c>d.ddde±XX</c>.
    /// </summary>
    public static string Repr(string shortest)
    {
        var text = shortest.AsSpan();
        var negative = text.Length > 0 && text[0] == '-';
        if (negative)
        {
            text = text[1..];
        }

        var exponent = 0;
        var e = text.IndexOfAny('E', 'e');
        if (e >= 0)
        {
            exponent = int.Parse(text[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            text = text[..e];
        }

        // digits × 10^(point - digits.Length): the decimal point sits after `point` digits.
        var dot = text.IndexOf('.');
        var digits = new StringBuilder(text.Length);
        digits.Append(dot < 0 ? text : text[..dot]);
        var point = digits.Length + exponent;
        if (dot >= 0)
        {
            digits.Append(text[(dot + 1)..]);
        }

        var leading = 0;
        while (leading < digits.Length && digits[leading] == '0')
        {
            leading++;
        }

        digits.Remove(0, leading);
        point -= leading;
        var trailing = digits.Length;
        while (trailing > 0 && digits[trailing - 1] == '0')
        {
            trailing--;
        }

        digits.Length = trailing;
        var sign = negative ? "-" : string.Empty;
        if (digits.Length == 0)
        {
            return sign + "0.0";
        }

        var d = digits.ToString();
        if (point is < -3 or > 16)
        {
            var mantissa = d.Length == 1 ? d : $"{d[0]}.{d[1..]}";
            var power = point - 1;
            return string.Create(CultureInfo.InvariantCulture, $"{sign}{mantissa}e{(power < 0 ? '-' : '+')}{Math.Abs(power):00}");
        }

        if (point <= 0)
        {
            return $"{sign}0.{new string('0', -point)}{d}";
        }

        return point >= d.Length
            ? $"{sign}{d}{new string('0', point - d.Length)}.0"
            : $"{sign}{d[..point]}.{d[point..]}";
    }
}
