"""The contact list, the contact detail and the profile form."""
