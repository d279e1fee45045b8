CREATE OR REPLACE FUNCTION public.f() RETURNS trigger LANGUAGE plpgsql
SET search_path FROM CURRENT AS $online_sync$
BEGIN
    IF TG_OP = 'INSERT' THEN
        IF NEW.order_status IS NULL THEN
            NEW.order_status := NEW.status;
        ELSE
            NEW.status := NEW.order_status;
        END IF;
    ELSIF NEW.order_status IS DISTINCT FROM OLD.order_status THEN
        NEW.status := NEW.order_status;
    ELSIF NEW.status IS DISTINCT FROM OLD.status THEN
        NEW.order_status := NEW.status;
    ELSIF NEW.order_status IS NULL THEN
        NEW.order_status := NEW.status;
    ELSE
        NEW.status := NEW.order_status;
    END IF;
    RETURN NEW;
END
$online_sync$;
