"""Shared example models: a small shop that every code example in the handbook uses."""

from django.conf import settings
from django.db import models


class Category(models.Model):
    """A product category, e.g. "Books"."""

    name = models.CharField(max_length=100)
    slug = models.SlugField(unique=True)
    # Self-referential: "Fiction" under "Books"; a top-level category has no parent.
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE, related_name="children")

    class Meta:
        verbose_name_plural = "categories"

    def __str__(self) -> str:
        return self.name


class Product(models.Model):
    """Something the shop sells."""

    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="products")
    name = models.CharField(max_length=200)
    slug = models.SlugField(unique=True)
    description = models.TextField(blank=True)
    price = models.DecimalField(max_digits=10, decimal_places=2)
    stock = models.PositiveIntegerField(default=0)
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    tags = models.ManyToManyField("Tag", through="ProductTag", related_name="products", blank=True)

    def __str__(self) -> str:
        return self.name


class Tag(models.Model):
    """A label such as "sale" or "new", attached to products through :class:`ProductTag`."""

    name = models.CharField(max_length=50, unique=True)

    def __str__(self) -> str:
        return self.name


class ProductTag(models.Model):
    """The custom ``through`` model of ``Product.tags``: when a tag was added, and by whom."""

    product = models.ForeignKey(Product, on_delete=models.CASCADE)
    tag = models.ForeignKey(Tag, on_delete=models.CASCADE)
    added_at = models.DateTimeField(auto_now_add=True)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)

    class Meta:
        constraints = (models.UniqueConstraint(fields=["product", "tag"], name="unique_product_tag"),)


class Customer(models.Model):
    """A shop customer, linked one-to-one to a Django user."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="customer")
    phone = models.CharField(max_length=30, blank=True)
    loyalty_points = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return str(self.user)


class Order(models.Model):
    """An order placed by a customer."""

    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        PAID = "paid", "Paid"
        SHIPPED = "shipped", "Shipped"
        CANCELLED = "cancelled", "Cancelled"

    customer = models.ForeignKey(Customer, on_delete=models.PROTECT, related_name="orders")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PENDING)
    total = models.DecimalField(max_digits=12, decimal_places=2, default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    # Optimistic locking: an update succeeds only if the version is still the one that was read.
    version = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"Order #{self.pk}"


class OrderItem(models.Model):
    """One line of an order."""

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="items")
    product = models.ForeignKey(Product, on_delete=models.PROTECT, related_name="order_items")
    quantity = models.PositiveIntegerField(default=1)
    unit_price = models.DecimalField(max_digits=10, decimal_places=2)

    def __str__(self) -> str:
        return f"{self.quantity} x {self.product}"
