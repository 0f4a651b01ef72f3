namespace PinterestPipeline.Seeder.Data;

/// <summary>The 13 categories of the original data set, each with the tags its pins are labelled with.</summary>
public static class PinCategories
{
    public static IReadOnlyList<string> Names { get; } =
    [
        "art", "beauty", "christmas", "diy-and-crafts", "education", "event-planning", "finance",
        "home-decor", "mens-fashion", "quotes", "tattoos", "travel", "vehicles",
    ];

    private static readonly Dictionary<string, string[]> TagsByCategory = new(StringComparer.Ordinal)
    {
        ["art"] = ["Art Drawings", "Watercolor Art", "Acrylic Painting", "Sketch Ideas", "Abstract Art", "Pencil Art", "Canvas Art", "Oil Painting", "Street Art", "Digital Art"],
        ["beauty"] = ["Skin Care", "Makeup Tips", "Nail Art", "Hair Styles", "Eye Makeup", "Natural Beauty", "Lipstick", "Skincare Routine", "Braids", "Face Mask"],
        ["christmas"] = ["Christmas Decorations", "Christmas Tree", "Christmas Crafts", "Holiday Baking", "Xmas Gifts", "Christmas Cookies", "Wreaths", "Advent Calendar", "Ornaments", "Stocking Stuffers"],
        ["diy-and-crafts"] = ["Diy Crafts", "Paper Crafts", "Crafts For Kids", "Upcycling", "Sewing Projects", "Crochet", "Diy Home Decor", "Knitting", "Macrame", "Wood Crafts"],
        ["education"] = ["Teaching Ideas", "Classroom Decor", "Study Tips", "Homeschool", "Math Activities", "Reading Comprehension", "Science Experiments", "Kindergarten", "Learning Games", "Study Notes"],
        ["event-planning"] = ["Wedding Planning", "Party Ideas", "Birthday Party", "Baby Shower", "Wedding Decorations", "Table Settings", "Party Favors", "Event Decor", "Bridal Shower", "Centerpieces"],
        ["finance"] = ["Budgeting", "Saving Money", "Money Tips", "Investing", "Frugal Living", "Personal Finance", "Debt Free", "Side Hustle", "Financial Planning", "Passive Income"],
        ["home-decor"] = ["Living Room Decor", "Bedroom Ideas", "Kitchen Design", "Boho Decor", "Farmhouse Decor", "Interior Design", "Wall Decor", "Home Organization", "Bathroom Ideas", "Cozy Home"],
        ["mens-fashion"] = ["Mens Outfits", "Mens Style", "Streetwear", "Casual Outfits", "Suits", "Mens Shoes", "Mens Accessories", "Beard Styles", "Smart Casual", "Watches"],
        ["quotes"] = ["Life Quotes", "Motivational Quotes", "Inspirational Quotes", "Love Quotes", "Funny Quotes", "Positive Quotes", "Wisdom", "Self Love", "Words", "Quote Of The Day"],
        ["tattoos"] = ["Tattoo Ideas", "Small Tattoos", "Tattoo Designs", "Arm Tattoo", "Minimalist Tattoo", "Flower Tattoo", "Sleeve Tattoo", "Fine Line Tattoo", "Back Tattoo", "Tattoo Quotes"],
        ["travel"] = ["Travel Destinations", "Travel Tips", "Beautiful Places", "Road Trip", "Backpacking", "Beach Vacation", "Travel Photography", "Europe Travel", "Places To Visit", "Travel Checklist"],
        ["vehicles"] = ["Classic Cars", "Lowrider", "Old Vintage Cars", "Muscle Cars", "Sports Cars", "Motorcycles", "Trucks", "Hot Rods", "Jdm", "Car Restoration"],
    };

    public static IReadOnlyList<string> TagsOf(string category) => TagsByCategory[category];
}
